import Foundation
import HuisClosReplica

/// Prints the `vfs` benchmark's figures: medians per side, ratios, and the final RATIO line.
struct VfsReport {
    let workload: VfsWorkload
    let runs: Int
    let folder: URL
    let plain: [VfsTimings]
    let encrypted: [VfsTimings]
    /// The encrypted side's counters in the last run: the write session, then the reopened one.
    let counters: [EncryptionCounters]

    func print() {
        Swift.print("""
            vfs: \(workload.rows) rows of ~100 B in transactions of \(workload.rowsPerTransaction); \
            \(workload.reads) point reads on a reopened connection; FTS5 \(workload.documents) documents, \
            \(workload.queries) queries; page cache \(workload.cacheKiB / 1024) MiB on both sides. Median of \(runs) run(s), seconds.
            databases left in \(folder.path)
            """)
        Swift.print(pad("phase", 11) + pad("plain wall", 12) + pad("encr. wall", 12) + pad("ratio", 8)
                    + pad("plain cpu", 11) + pad("encr. cpu", 11) + "ratio")
        let phases: [(String, KeyPath<VfsTimings, VfsCost>)] = [
            ("write", \.write), ("read", \.read), ("fts.build", \.ftsBuild), ("fts.query", \.ftsQuery),
        ]
        var ratios: [String: Double] = [:]
        for (name, phase) in phases {
            let wall = (median(plain.map { $0[keyPath: phase].wall }), median(encrypted.map { $0[keyPath: phase].wall }))
            let cpu = (median(plain.map { $0[keyPath: phase].cpu }), median(encrypted.map { $0[keyPath: phase].cpu }))
            ratios[name] = cpu.1 / cpu.0
            Swift.print(pad(name, 11) + pad(format(wall.0, 3), 12) + pad(format(wall.1, 3), 12) + pad(format(wall.1 / wall.0, 2), 8)
                        + pad(format(cpu.0, 3), 11) + pad(format(cpu.1, 3), 11) + format(cpu.1 / cpu.0, 2))
        }
        for (session, counts) in zip(["write", "read+fts"], counters) {
            Swift.print("""
                encrypted \(session) session (last run): pages sealed \(counts.sealed), opened \(counts.opened), \
                checkpoint write-throughs \(counts.reused), WAL reads from frame cache \(counts.cached)
                """)
        }
        Swift.print("ratios below: process CPU time, encrypted ÷ plain (wall time is skewed when other jobs share the cores)")
        Swift.print("RATIO vfs.write=\(format(ratios["write"]!, 2)) vfs.read=\(format(ratios["read"]!, 2)) vfs.fts=\(format(ratios["fts.query"]!, 2))")
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    private func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
}
