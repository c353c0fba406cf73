import HuisClosCrypto

extension Replica {
    /// Replaces the passphrase: the database key is unwrapped with `old` and wrapped again under
    /// `new` (fresh salt, same Argon2id limits). No page is rewritten; the new key file replaces
    /// the old one atomically (temporary file, fsync, rename, fsync of the folder), so a crash
    /// leaves either passphrase working, never neither.
    ///
    /// Throws `.wrongPassphrase` if `old` is wrong (nothing is changed), `.invalidPassphrase` if
    /// `new` is empty, `.closed` after `close()`.
    public func changePassphrase(from old: String, to new: String) throws(ReplicaError) {
        guard !new.isEmpty else { throw ReplicaError(.invalidPassphrase, "choose a non-empty passphrase") }
        try lock.serialized { () throws(ReplicaError) in
            let current = try KeyFile.decode(DurableFile.read(files.key, maximumBytes: ReplicaLimits.keyFileBytes))
            let key = try current.unwrap(passphrase: old)
            let rewrapped = try KeyFile.wrap(key: key, databaseID: current.databaseID, passphrase: new,
                                             limits: current.limits)
            try DurableFile.replace(files.key, with: rewrapped.encoded(), via: files.keyReplacement)
        }
    }
}
