import HuisClosProtocol
import HuisClosSync

extension Device {
    /// This device's authenticated connection to its relay, for the dossier file transfers
    /// (`SealedFileTransfer`), which move content already sealed on this device.
    public nonisolated var relayClient: SyncClient { client }

    /// The scopes this device may read now, from the verified membership log (not from the
    /// relay): what the dossier cache may keep.
    public var readableScopes: Set<ScopeID> {
        context.membership.readableScopes(of: certificate.signingKey, at: context.readingInstant)
    }

    /// Refuses unless this device may read `scope` now by the verified membership log: content
    /// kept for offline reading closes with the access (a hearing's expiry, a mandate's end)
    /// before the next sync drops it.
    public func requireReadable(_ scope: ScopeID) throws(DeviceError) {
        guard readableScopes.contains(scope) else {
            throw DeviceError(.notAuthorised, "this device may no longer read \(scope.rawValue): the membership log ended that access (expiry, end of mandate or group); ask the secretariat")
        }
    }

    /// The scopes this device may write in now, from the verified membership log.
    public var writableScopes: Set<ScopeID> {
        context.membership.writableScopes(of: certificate.signingKey, at: context.readingInstant)
    }
}
