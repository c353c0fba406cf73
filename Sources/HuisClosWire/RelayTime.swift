/// The relay's clock on every answer: `HuisClos-Time: <milliseconds since the Unix epoch>`.
///
/// Devices measure how far their clock is from the relay's with it, so that a wrong clock on
/// either side stops nothing and the person is told whose clock is off and by how much
/// (PROTOCOL.md, "Clocks"; Protocol/TRUST.md, "Clocks").
public enum RelayTime {
    /// The response header that carries the relay's clock.
    public static let headerName = "HuisClos-Time"
}
