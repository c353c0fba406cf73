/// The relay's incarnation on every answer: `HuisClos-Incarnation: <value>`.
///
/// A random value the relay's storage draws when it is created and again at every restore: a
/// device that sees it change knows the relay may have lost what it held since its backup, even
/// when nothing else shows it, and gives it back (PROTOCOL.md, "Relay incarnation"). A relay
/// older than it sends none.
public enum RelayIncarnation {
    /// The response header that carries it.
    public static let headerName = "HuisClos-Incarnation"
    /// The longest value a device keeps.
    public static let lengthMax = 80

    /// `header` when it is a value a relay sends (1 to `lengthMax` characters of `0-9`, `a-z` and
    /// `-`), else nil: an answer without a usable incarnation is taken as from an older relay.
    public static func parse(_ header: String?) -> String? {
        guard let header, (1...lengthMax).contains(header.utf8.count),
              header.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D }) else { return nil }
        return header
    }
}
