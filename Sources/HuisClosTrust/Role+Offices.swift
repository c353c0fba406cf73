extension Role {
    /// The offices that act for the council as a body: the president and the secretariat.
    ///
    /// They record a text's adoption at a séance and publish adopted texts to the public scope
    /// (`Protocol/COUNCIL-RECORDS.md`, "Who writes what"; `SECURITY.md`, "Publication"): a member
    /// drafts, but only the council's offices speak for it. The relay applies this rule to every
    /// batch pushed to `public` (through `MembershipState.mayWritePublic`), and every replica to
    /// every public batch it merges, so the public pages hold only what an office published.
    public var actsForTheCouncil: Bool { self == .president || self == .secretariat }
}
