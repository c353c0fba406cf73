import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// What a `startEpoch` record carries besides the commitment, so an epoch never exists without
/// what makes it usable: the new key sealed to its starter, and the chain link to older history.
///
/// Both are signed with the record, so a link is bound to the epoch's starter and can be neither
/// planted nor replaced by anyone else (the relay included). Every device checks a key it
/// recovers from them against the log's commitments before using it (`ScopeKeyring.observe`).
public struct EpochKeys: Sendable, Equatable {
    /// The sealed box's size: a 32-byte key plus the `crypto_box_seal` overhead (80 bytes).
    public static let starterSealedLength = SealedScopeKey.sealedLength

    /// The new key, `crypto_box_seal`ed to the starter device's certified X25519 key: the starter
    /// recovers it from the log itself (a restore, a crash between the record and the key drop).
    public let starterSealedKey: [UInt8]
    /// The key of an older epoch sealed under the new key; nil for epoch 1, or when the starter
    /// holds no older key.
    public let link: KeyChainLink?

    /// Keys as carried in a record; `starterSealedKey` is `starterSealedLength` bytes.
    public init(starterSealedKey: [UInt8], link: KeyChainLink?) {
        precondition(starterSealedKey.count == Self.starterSealedLength, "a sealed scope key is 80 bytes")
        self.starterSealedKey = starterSealedKey
        self.link = link
    }

    /// Writes the layout of `Protocol/MEMBERSHIP.md`: sealed key, link flag, then fromEpoch and the sealed older key.
    func encode(into writer: inout ByteWriter) {
        writer.write(raw: starterSealedKey)
        writer.write(bool: link != nil)
        if let link {
            writer.write(link.fromEpoch)
            writer.write(raw: link.sealedPreviousKey)
        }
    }

    /// Reads the layout of `encode` for epoch `epoch` of `scope`: a link only after epoch 1, and
    /// from an older epoch.
    static func decode(_ reader: inout ByteReader, scope: ScopeID, epoch: UInt32) throws(WireError) -> EpochKeys {
        let sealed = try reader.read(count: starterSealedLength)
        guard try reader.readBool(field: Text(fr: "indicateur de maillon de la chaîne de clés", en: "key chain link flag")) else { return EpochKeys(starterSealedKey: sealed, link: nil) }
        let fromEpoch = try reader.readUInt32()
        guard fromEpoch >= 1, fromEpoch < epoch else {
            throw WireError(.malformed, Text(fr: "un maillon de la chaîne de clés de l'époque \(epoch) doit venir d'une époque plus ancienne (1 à \(epoch) − 1), et non \(fromEpoch)",
                en: "a key chain link of epoch \(epoch) must come from an older epoch (1 to \(epoch) − 1), not \(fromEpoch)"))
        }
        let link = KeyChainLink(scope: scope, epoch: epoch, fromEpoch: fromEpoch, sealedPreviousKey: try reader.read(count: KeyChainLink.sealedLength))
        return EpochKeys(starterSealedKey: sealed, link: link)
    }
}
