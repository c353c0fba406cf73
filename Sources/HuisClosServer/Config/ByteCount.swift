import Foundation

/// A number of bytes as an operator writes it in a setting: `68719476736`, `64G`, `512MiB`, `2T`
/// (K, M, G, T are powers of 1,024, with or without `iB`/`B`; case does not matter).
enum ByteCount {
    private static let units: [(suffix: String, factor: Int64)] = [("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("", 1)]

    /// The bytes `text` names; nil when it is not a positive whole number with an optional unit,
    /// or does not fit 64 bits.
    static func parse(_ text: String) -> Int64? {
        var rest = text.trimmingCharacters(in: .whitespaces).uppercased()
        for ending in ["IB", "B"] where rest.hasSuffix(ending) {
            rest.removeLast(ending.count)
            break
        }
        for (suffix, factor) in units where rest.hasSuffix(suffix) {
            let digits = rest.dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let number = Int64(digits), number > 0
            else { return nil }
            let (bytes, overflow) = number.multipliedReportingOverflow(by: factor)
            return overflow ? nil : bytes
        }
        return nil
    }
}
