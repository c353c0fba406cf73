// A child process for the crash-safety tests: opens a replica and commits numbered transactions
// until it is killed, printing each number (flushed) only after its commit returned.
//
// Usage: HuisClosReplicaCrashChild <folder> <passphrase> <rows per transaction>
//        HuisClosReplicaCrashChild --hardening   (applies ProcessHardening, prints what the OS
//        then reports: "dumpable=<0|1|unknown> core=<soft>/<hard>")
import Foundation
import GRDB
import HuisClosReplica

let arguments = CommandLine.arguments
if arguments.count == 2, arguments[1] == "--hardening" {
    let failure = ProcessHardening.apply()
    let status = ProcessHardening.status
    let dumpable = status.dumpable.map { $0 ? "1" : "0" } ?? "unknown"
    print("dumpable=\(dumpable) core=\(status.coreLimitSoftBytes)/\(status.coreLimitHardBytes) failure=\(failure)")
    exit(0)
}
guard arguments.count == 4, let rowsPerTransaction = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: HuisClosReplicaCrashChild <folder> <passphrase> <rows>\n".utf8))
    exit(2)
}
do {
    let replica = try Replica.open(at: URL(fileURLWithPath: arguments[1]), passphrase: arguments[2])
    var transaction = try replica.database.read { db in try Int.fetchOne(db, sql: "SELECT max(txn) FROM row") ?? 0 }
    var payload = [UInt8](repeating: 0, count: 700)
    while true {
        transaction += 1
        try replica.database.write { db in
            for row in 0..<rowsPerTransaction {
                for i in payload.indices { payload[i] = UInt8.random(in: 0...255) }
                try db.execute(sql: "INSERT INTO row(txn, seq, body) VALUES (?, ?, ?)",
                               arguments: [transaction, row, Data(payload)])
            }
            try db.execute(sql: "UPDATE state SET last = ?", arguments: [transaction])
        }
        if transaction % 10 == 0 {
            try replica.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        }
        FileHandle.standardOutput.write(Data("\(transaction)\n".utf8))
    }
} catch {
    FileHandle.standardError.write(Data("child failed: \(ReplicaError(classifying: error))\n".utf8))
    exit(1)
}
