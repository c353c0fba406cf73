import Foundation

/// Readings from Linux's /proc: peak memory, CPU time and bytes written by a process.
enum ProcessStats {
    /// This process's peak resident memory (VmHWM), in MiB.
    static func peakResidentMiB() -> Double {
        field("VmHWM:", in: "/proc/self/status").map { $0 / 1024 } ?? 0
    }

    /// Starts this process's peak resident memory again from what it holds now (Linux's
    /// `clear_refs` 5), so a later `peakResidentMiB` covers only what ran in between.
    static func resetPeakResident() {
        guard let file = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        file.write(Data("5".utf8))
        try? file.close()
    }

    /// A process's resident memory now (VmRSS), in MiB.
    static func residentMiB(pid: Int32) -> Double {
        field("VmRSS:", in: "/proc/\(pid)/status").map { $0 / 1024 } ?? 0
    }

    /// Bytes a process has written through system calls (`wchar` of /proc/PID/io): for a server
    /// whose logs are off and whose database is only read, the bytes it sent on its sockets.
    static func bytesWritten(pid: Int32) -> Double {
        field("wchar:", in: "/proc/\(pid)/io") ?? 0
    }

    /// CPU seconds (user and system) a process has used so far, from /proc/PID/stat (`self` for this one).
    static func cpuSeconds(pid: Int32? = nil) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid.map(String.init) ?? "self")/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        // After the command's closing parenthesis: state is field 3, utime and stime fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    private static func field(_ name: String, in path: String) -> Double? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            return Double(line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }
}
