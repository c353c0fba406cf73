import HuisClosSync

extension Device {
    /// This device's authenticated connection to its relay, for the dossier file transfers
    /// (`SealedFileTransfer`), which move content already sealed on this device.
    public nonisolated var relayClient: SyncClient { client }
}
