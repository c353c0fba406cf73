public import Testing

extension Tag {
    /// Tests that take seconds each (processes, many devices, real relays restarted): skipped by
    /// the fast suite (README, "Tests").
    @Tag public static var slow: Self
    /// Tests that run the built `huisclos` executable.
    @Tag public static var cli: Self
}
