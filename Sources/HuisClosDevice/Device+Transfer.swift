import HuisClosProtocol
import HuisClosSync

extension Device {
    /// This device's authenticated connection to its relay, for the dossier file transfers
    /// (`SealedFileTransfer`), which move content already sealed on this device.
    public nonisolated var relayClient: SyncClient { client }

    /// The scopes this device may read now, from the verified membership log (not from the
    /// relay): what the dossier cache may keep.
    public var readableScopes: Set<ScopeID> {
        context.membership.readableScopes(of: certificate.signingKey, at: context.instant)
    }

    /// The scopes this device may write in now, from the verified membership log.
    public var writableScopes: Set<ScopeID> {
        context.membership.writableScopes(of: certificate.signingKey, at: context.instant)
    }
}
