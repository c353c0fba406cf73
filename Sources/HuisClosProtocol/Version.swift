/// Versions of the product and of the wire contract described in `Protocol/`.
public enum HuisClosVersion {
    /// The release of the `huisclos` and `huisclos-server` executables.
    public static let product = "0.1.0"
}
