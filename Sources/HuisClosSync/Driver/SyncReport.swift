import HuisClosCrypto
public import HuisClosL10n
public import HuisClosProtocol
public import HuisClosWire

/// What one sync did.
public struct SyncReport: Sendable {
    /// Local batches the server now holds.
    public var pushed = 0
    /// Local batches the server refused, with its reason (they stay in the outbox).
    public var pushRejected: [BatchID: APIError] = [:]
    /// What applying the pulled pages did.
    public var pulled = PullReport()
    /// Scopes in which the relay had lost batches, and what this device did about it.
    public var repairs: [RelayRepair] = []

    /// An empty report.
    public init() {}

    /// What this sync could not do, each with why and what to do: batches of this device the relay
    /// refused (still in the outbox) and batches a repair could not give back to the relay. Empty
    /// when every write of this device, and every batch it holds, is on the relay.
    public var problems: [Text] {
        pushRejected.sorted { $0.key.sortKey.lexicographicallyPrecedes($1.key.sortKey) }.map { id, error in Self.refusal(of: id, error) }
            + repairs.filter { !$0.refused.isEmpty }.map(\.unrepaired)
    }

    /// What this sync did beyond the counts, for the person: each repair of a relay that had lost
    /// batches, and each batch pulled from the relay that this device refused to merge, with why.
    public var notices: [Text] {
        // After a restore every scope is given back; only those where the relay had lost something say so.
        repairs.filter { $0.evidence != .relayRestored || $0.restored > 0 }.map(\.text) + pulled.rejected.sorted { $0.key.sortKey.lexicographicallyPrecedes($1.key.sortKey) }.map { id, why in
            Text(fr: "Lot \(id.sequence) de « \(id.scope.rawValue) » d'un autre appareil refusé à la réception (\(why.french)) : rien n'en a été fusionné. Le défaut vient de l'appareil auteur ou du serveur, pas de celui-ci ; prévenez le secrétariat si cela se répète.",
                 en: "Batch \(id.sequence) of “\(id.scope.rawValue)” from another device refused on receipt (\(why.english)): nothing of it was merged. The fault lies with its author's device or the server, not this one; tell the secretariat if it happens again.")
        }
    }

    /// Why the relay refused this device's batch `id`, and what to do.
    static func refusal(of id: BatchID, _ error: APIError) -> Text {
        let what = Text(fr: "Lot \(id.sequence) de « \(id.scope.rawValue) » refusé par le serveur (\(error.code.rawValue) : \(error.text.french))",
                        en: "Batch \(id.sequence) of “\(id.scope.rawValue)” refused by the server (\(error.code.rawValue): \(error.message))")
        let remedy: Text = switch error.code {
        case .gap:
            Text(fr: "le serveur n'a plus les lots précédents de cet appareil (restauré depuis une copie plus ancienne ?) et cet appareil n'a pas pu les lui rendre. Relancez huisclos sync ; si le refus demeure, prévenez le secrétariat",
                 en: "the server no longer holds this device's earlier batches (restored from an older copy?) and this device could not give them back. Run huisclos sync again; if the refusal stays, tell the secretariat")
        case .fork:
            Text(fr: "le serveur tient un autre lot à cette place de la chaîne de cet appareil : cet appareil a sans doute été restauré ou copié. N'écrivez plus depuis cet appareil et prévenez le secrétariat",
                 en: "the server holds another batch at this place of this device's chain: this device was probably restored or copied. Stop writing from it and tell the secretariat")
        case .forbidden:
            Text(fr: "cet appareil n'a pas (ou plus) le droit d'écrire dans cette portée à la position du registre que nomme le lot. Synchronisez pour recevoir le registre puis écrivez à nouveau ; si votre accès a changé, voyez le secrétariat",
                 en: "this device may not (or no longer) write in this scope at the log position the batch names. Sync to receive the log, then write again; if your access changed, see the secretariat")
        default:
            Text(fr: "le lot reste dans la file d'envoi. Mettez huisclos à jour ou prévenez le secrétariat si le refus demeure",
                 en: "the batch stays in the outbox. Update huisclos, or tell the secretariat if the refusal stays")
        }
        return Text(fr: what.french + " : " + remedy.french + ".", en: what.english + ": " + remedy.english + ".")
    }
}

/// A scope whose relay had lost batches this device holds, and what the device did: pushed back
/// every batch it holds of the scope (the relay keeps the lost ones again), then pulled it again.
public struct RelayRepair: Sendable, Equatable {
    /// What showed the loss.
    public enum Evidence: Sendable, Equatable {
        /// The relay's log ends before the position this device had pulled up to.
        case headBehind(relayHead: UInt64, devicePosition: UInt64)
        /// The relay holds another batch at the position this device had pulled up to.
        case batchReplaced(position: UInt64)
        /// The relay refused this device's next batch as a gap: it lost the earlier ones.
        case ownBatchesMissing
        /// The relay announces another incarnation than before: restored, it may have lost
        /// anything it took since its backup, whatever the cursors show.
        case relayRestored
    }

    /// The scope repaired.
    public let scope: ScopeID
    /// What showed the loss.
    public let evidence: Evidence
    /// Batches the relay had lost and holds again.
    public var restored = 0
    /// Batches it refused to take back, with its reason (the relay stays without them).
    public var refused: [BatchID: APIError] = [:]

    /// A repair of `scope`, before anything was pushed back.
    public init(scope: ScopeID, evidence: Evidence) {
        self.scope = scope
        self.evidence = evidence
    }

    /// What happened, for the person who ran the sync.
    public var text: Text {
        let seen: Text
        switch evidence {
        case .headBehind(let head, let position):
            seen = Text(fr: "son journal s'arrête à la position \(head) alors que cet appareil en avait reçu \(position)",
                        en: "its log ends at position \(head) while this device had received \(position)")
        case .batchReplaced(let position):
            seen = Text(fr: "il tient un autre lot à la position \(position) que celui que cet appareil y avait reçu",
                        en: "it holds another batch at position \(position) than the one this device received there")
        case .ownBatchesMissing:
            seen = Text(fr: "il a refusé le lot suivant de cet appareil faute des précédents", en: "it refused this device's next batch for lack of the earlier ones")
        case .relayRestored:
            return Text(fr: "« \(scope.rawValue) » : le serveur restauré n'avait plus \(restored) lot(s) que cet appareil détenait ; il les lui a rendus et a relu la portée depuis le début.",
                        en: "“\(scope.rawValue)”: the restored server no longer held \(restored) batch(es) this device held; it gave them back and read the scope again from the start.")
        }
        return Text(fr: "Le serveur avait perdu des lots de « \(scope.rawValue) » (\(seen.french)) : restauré depuis une copie plus ancienne ou endommagé ? Cet appareil lui a rendu \(restored) lot(s) qu'il détenait et a relu la portée.",
                    en: "The server had lost batches of “\(scope.rawValue)” (\(seen.english)): restored from an older copy, or damaged? This device gave it back \(restored) batch(es) it held and read the scope again.")
    }

    /// The batches the relay would not take back, for the person: a loss this device cannot repair.
    var unrepaired: Text {
        let first = refused.sorted { $0.key.sortKey.lexicographicallyPrecedes($1.key.sortKey) }.prefix(3)
        func reasons(_ language: Language) -> String {
            first.map { "\($0.key.sequence)\(language == .french ? " :" : ":") \($0.value.code.rawValue) (\($0.value.text.in(language)))" }.joined(separator: "; ")
        }
        return Text(fr: "Le serveur a refusé de reprendre \(refused.count) lot(s) perdu(s) de « \(scope.rawValue) » (\(reasons(.french))) : ils restent sur cet appareil mais pas sur le serveur, et les appareils qui ne les ont pas ne les recevront pas. Prévenez le secrétariat, qui vérifiera le serveur (huisclos-server check) et sa restauration.",
                    en: "The server refused to take back \(refused.count) lost batch(es) of “\(scope.rawValue)” (\(reasons(.english))): they stay on this device but not on the server, and devices without them will not get them. Tell the secretariat, who will check the server (huisclos-server check) and its restore.")
    }
}

extension BatchID {
    /// An order for listing ids: scope, author, sequence.
    var sortKey: [UInt8] {
        Array(scope.rawValue.utf8) + [0] + device.bytes + withUnsafeBytes(of: sequence.bigEndian) { Array($0) }
    }
}
