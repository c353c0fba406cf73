import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust

/// The body codec of a device: the `public` scope plain, every other scope sealed with its scope
/// key (`BatchBodySealer`: XChaCha20-Poly1305, padded, bound to scope, epoch, device, sequence).
///
/// It writes with the newest epoch this device has seen for the scope (in the log or a key), so it
/// never writes with an old epoch once a newer one is known; without that epoch's key it refuses
/// to write. It refuses to write while the log says the scope's key must rotate (someone left it
/// and could still read a write under the current key), until the new epoch starts. It refuses a plain body in a confidential scope (a server or member cannot slip
/// cleartext into a sealed scope) and a sealed one in `public`.
struct SealingBodyCodec: BatchBodyCodec {
    let context: TrustContext

    func seal(_ operations: [UInt8], scope: ScopeID, sequence: UInt64, device: SigningPublicKey) throws(ChangeError) -> SealedBody {
        if scope == .public { return SealedBody(kind: .plain, epoch: 0, body: operations) }
        if context.membership.needsRotation(scope, at: context.readingInstant) {
            throw ChangeError(.rotationPending, Text(
                fr: "quelqu'un a quitté \(scope) et sa clé doit être renouvelée avant que quiconque y écrive : rien n'a été écrit ; "
                    + "la prochaine synchronisation du secrétariat (ou du président pour un groupe de travail ou une audition) la renouvelle, puis écrivez de nouveau",
                en: "someone left \(scope) and its key must be renewed before anyone writes in it: "
                    + "nothing was written; the next sync of the secretariat (or of the president for a working group or hearing) renews it, then write again"))
        }
        let keyring = context.keyring
        guard let epoch = keyring.newestEpoch(of: scope) else {
            throw ChangeError(.cannotOpenBody, Text(fr: "pas encore de clé pour \(scope) sur cet appareil : synchronisez, ou demandez l'accès au secrétariat",
                                                    en: "no key for \(scope) on this device yet: sync, or ask the secretariat for access"))
        }
        do {
            let body = try BatchBodySealer.seal(ops: operations, scope: scope, epoch: epoch, device: device, sequence: sequence, keyring: keyring)
            return SealedBody(kind: .sealed, epoch: epoch, body: body)
        } catch {
            throw ChangeError(error.code == .tooLarge ? .tooLarge : .cannotOpenBody, error.text)
        }
    }

    func open(_ batch: BatchEnvelope) throws(ChangeError) -> [UInt8] {
        switch (batch.scope == .public, batch.bodyKind) {
        case (true, .plain): return batch.body
        case (true, _): throw ChangeError(.cannotOpenBody, Text(fr: "un lot de la portée publique doit être en clair", en: "a batch of the public scope must be plain"))
        case (false, .sealed):
            do { return try BatchBodySealer.open(batch, keyring: context.keyring) } catch {
                // A key not received yet is a wait, not a refusal: the store holds the batch.
                throw ChangeError(error.code == .keyUnavailable ? .keyUnavailable : .cannotOpenBody, error.text)
            }
        case (false, _):
            throw ChangeError(.cannotOpenBody, Text(fr: "le lot \(batch.sequence) de \(batch.scope) n'est pas scellé : une portée confidentielle n'est jamais en clair ; refusé",
                                                    en: "batch \(batch.sequence) in \(batch.scope) is not sealed: a confidential scope is never plain; refused"))
        }
    }
}
