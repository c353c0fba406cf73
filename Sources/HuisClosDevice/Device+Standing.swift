import HuisClosTrust

extension Device {
    /// Where this device stands in its verified log now (by its clock): valid, or why not.
    public var standing: DeviceStanding { context.membership.standing(of: certificate.signingKey, at: context.readingInstant) }
}
