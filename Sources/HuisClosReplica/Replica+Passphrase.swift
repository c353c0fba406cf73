import HuisClosCrypto
import HuisClosL10n

extension Replica {
    /// Refuses a newly chosen passphrase shorter than `ReplicaLimits.passphraseCharactersMin`
    /// characters (`.invalidPassphrase`). Only passphrases being chosen are checked: unlocking
    /// with an existing one never is. Also for other secrets people choose (a root backup's).
    public static func checkStrength(ofNew passphrase: String) throws(ReplicaError) {
        let minimum = ReplicaLimits.passphraseCharactersMin
        guard passphrase.count >= minimum else {
            throw ReplicaError(.invalidPassphrase, Text(
                fr: "la phrase de passe est trop courte (\(passphrase.count) caractères) : choisissez-en une d'au moins \(minimum), "
                    + "par exemple quelques mots que vous seul associeriez",
                en: "the passphrase is too short (\(passphrase.count) characters): choose at least \(minimum), "
                    + "for example a few words only you would put together"))
        }
    }

    /// Replaces the passphrase: the database key is unwrapped with `old` and wrapped again under
    /// `new` (fresh salt, same Argon2id limits). No page is rewritten; the new key file replaces
    /// the old one atomically (temporary file, fsync, rename, fsync of the folder), so a crash
    /// leaves either passphrase working, never neither.
    ///
    /// Throws `.wrongPassphrase` if `old` is wrong (nothing is changed), `.invalidPassphrase` if
    /// `new` is too short (`checkStrength(ofNew:)`), `.closed` after `close()`.
    public func changePassphrase(from old: String, to new: String) throws(ReplicaError) {
        try Self.checkStrength(ofNew: new)
        try lock.serialized { () throws(ReplicaError) in
            let current = try KeyFile.decode(DurableFile.read(files.key, maximumBytes: ReplicaLimits.keyFileBytes))
            let key = try current.unwrap(passphrase: old)
            let rewrapped = try KeyFile.wrap(key: key, databaseID: current.databaseID, passphrase: new,
                                             limits: current.limits)
            try DurableFile.replace(files.key, with: rewrapped.encoded(), via: files.keyReplacement)
        }
    }
}
