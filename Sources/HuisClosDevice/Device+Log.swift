import HuisClosTrust

extension Device {
    /// The verified membership log itself (records and fold): the council register is derived from its records.
    public var membershipLog: MembershipLog { context.log }
}
