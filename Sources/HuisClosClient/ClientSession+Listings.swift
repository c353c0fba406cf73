import Foundation
public import HuisClosCouncil
import HuisClosDevice
public import HuisClosDossiers
public import HuisClosL10n
public import HuisClosProtocol
import HuisClosPublication
import HuisClosTrust

/// A hearing as listings show it: days as ISO 8601 dates, the expiry as an ISO 8601 instant (UTC).
public struct ListedHearing: Encodable, Sendable {
    public let id: String, guest: String, guestName: String, dossier: String, opened: String, expiry: String, closed: String?

    public init(_ entry: HearingRegister.Entry) {
        id = entry.id
        guest = entry.guest
        guestName = entry.guestName
        dossier = entry.dossier
        opened = entry.opened.iso
        expiry = ClientSession.iso8601(entry.expiry)
        closed = entry.closed?.iso
    }
}

/// A referral as listings show it (`origin`: `president` or `autosaisine`).
public struct ListedReferral: Encodable, Sendable {
    public let id: String, subject: String, origin: String, received: String, avis: String?
}

/// An avis draft or text as listings show it.
public struct ListedAvis: Encodable, Sendable {
    public let id: String, kind: String, title: String, status: String, referral: String?, conflicts: [String]
}

/// An avis draft as `avis voir` shows it: each paragraph's versions (more than one is a conflict).
public struct ShownAvis: Encodable, Sendable {
    public let id: String, title: String, status: String, paragraphs: [[String]], conflicts: [String]
}

/// A note as listings show it (`earlierVersion`: made on a version before the latest).
public struct ListedNote: Encodable, Sendable {
    public let id: String, scope: String, version: Int, location: String, text: String, earlierVersion: Bool
}

/// A search hit as listings show it.
public struct FoundPassage: Encodable, Sendable {
    public let scope: String, dossier: String, version: Int, title: String, snippet: String
}

/// The session's listings as every face shows them (`Listing`: a table in `language`, or JSON).
extension ClientSession {
    /// This member's devices: certified, approval (keyword and label), revoked, this one.
    public func deviceListing(in language: Language) async -> Listing {
        let devices = await device.memberDevices, mine = await device.fingerprint
        func day(_ instant: Instant) -> String { LocalTime.day(unixSeconds: instant.unixSeconds, in: language) }
        func isoDay(_ instant: Instant) -> JSONValue { .string(String(LocalTime.iso(unixMs: instant.unixSeconds * 1000).prefix(10))) }
        var listing = Listing(headers: [Text(fr: "Empreinte", en: "Fingerprint"), Text(fr: "Certifié le", en: "Certified on"),
                                        Text(fr: "Approbation", en: "Approval"), Text(fr: "Révoqué le", en: "Revoked on"),
                                        Text(fr: "Cet appareil", en: "This device")].map { $0.in(language) },
                              keys: ["fingerprint", "certifiedOn", "approval", "revokedOn", "thisDevice"])
        for entry in devices {
            let approval = entry.approvedAt == nil ? ("pending", Text(fr: "en attente", en: "pending")) : ("approved", Text(fr: "approuvé", en: "approved"))
            let this = entry.fingerprint == mine
            listing.append([entry.fingerprint.description, day(entry.certifiedAt), approval.1.in(language),
                            entry.revokedAt.map(day), this ? Text(fr: "oui", en: "yes").in(language) : nil],
                           json: ["approval": .string(approval.0), "thisDevice": .bool(this), "certifiedOn": isoDay(entry.certifiedAt),
                                  "revokedOn": entry.revokedAt.map(isoDay) ?? .null])
        }
        return listing
    }

    /// The hearings this device knows, opened or closed: days and the expiry in the council's
    /// time and the person's form (JSON keeps ISO 8601).
    public func hearingListing(in language: Language) throws -> Listing {
        let entries = try hearings()
        var listing = Listing(headers: [Text(fr: "Audition", en: "Hearing"), Text(fr: "Invité", en: "Guest"), Text(fr: "Dossier", en: "Dossier"),
                                        Text(fr: "Ouverte le", en: "Opened"), Text(fr: "Échéance", en: "Expiry"),
                                        Text(fr: "Close le", en: "Closed")].map { $0.in(language) }, records: entries.map(ListedHearing.init))
        for entry in entries {
            listing.appendRow([entry.id, entry.guestName, entry.dossier, entry.opened.text(in: language),
                               LocalTime.text(unixSeconds: entry.expiry, in: language), entry.closed?.text(in: language) ?? ""])
        }
        return listing
    }

    /// The referrals received, answered (by which avis) or pending.
    public func referralListing(in language: Language) throws -> Listing {
        let referrals = try referrals()
        let listed = referrals.map {
            ListedReferral(id: $0.id, subject: $0.subject, origin: $0.origin == .departmentalPresident ? "president" : "autosaisine",
                           received: $0.received.iso, avis: $0.answeredBy)
        }
        var listing = Listing(headers: [Text(fr: "Saisine", en: "Referral"), Text(fr: "Objet", en: "Subject"), Text(fr: "Origine", en: "Origin"),
                                        Text(fr: "Reçue le", en: "Received"), Text(fr: "Avis", en: "Avis")].map { $0.in(language) }, records: listed)
        for (referral, item) in zip(referrals, listed) {
            let origin = item.origin == "president" ? Text(fr: "président du Département", en: "departmental president")
                                                    : Text(fr: "autosaisine", en: "self-referral")
            listing.appendRow([item.id, item.subject, origin.in(language), referral.received.text(in: language),
                               item.avis ?? Text(fr: "en cours", en: "pending").in(language)])
        }
        return listing
    }

    /// The avis drafts and texts of the council scope, with status and conflicts.
    public func avisListing(in language: Language) throws -> Listing {
        let listed = try avisDrafts().map {
            ListedAvis(id: $0.id, kind: $0.kind.rawValue, title: $0.title, status: $0.status.rawValue, referral: $0.referral,
                       conflicts: $0.conflicts.map(\.id))
        }
        var listing = Listing(headers: [Text(fr: "Texte", en: "Text"), Text(fr: "Nature", en: "Kind"), Text(fr: "Titre", en: "Title"),
                                        Text(fr: "État", en: "Status"), Text(fr: "Saisine", en: "Referral"),
                                        Text(fr: "Conflits", en: "Conflicts")].map { $0.in(language) }, records: listed)
        for item in listed {
            let status = AvisDrafts.Status(rawValue: item.status)?.label.in(language) ?? item.status
            listing.appendRow([item.id, item.kind, item.title, status, item.referral ?? "", item.conflicts.joined(separator: ", ")])
        }
        return listing
    }

    /// Draft `id`: its title line (with the status in `language`) and its paragraphs, a conflict
    /// marked and its versions side by side.
    public func avisDraftListing(_ id: String, in language: Language) throws -> (title: String, listing: Listing) {
        let draft = try avisDraft(id)
        let shown = ShownAvis(id: draft.id, title: draft.title, status: draft.status.rawValue,
                              paragraphs: draft.paragraphs.map(\.versions), conflicts: draft.conflicts.map(\.id))
        var listing = Listing(headers: [Text(fr: "Paragraphe", en: "Paragraph"), Text(fr: "Texte", en: "Text")].map { $0.in(language) }, records: shown)
        for paragraph in draft.paragraphs {
            let mark = paragraph.isConflict ? Text(fr: " (conflit)", en: " (conflict)").in(language) : ""
            listing.appendRow([paragraph.id + mark, paragraph.versions.joined(separator: " ║ ")])
        }
        return ("\(draft.title) (\(draft.status.label.in(language)))", listing)
    }

    /// A working group as listed: its roster, and who else the signed log gives access to it now
    /// (`admin acces`), so a listing shows everyone who reads the group.
    public struct ListedGroup: Encodable, Sendable {
        public let name: String
        public let members: [String]
        public let supplementaryMembers: [String]
        public let created: Day
        /// Others holding a grant to the group now (hex ids), the president aside.
        public let granted: [String]
    }

    /// The working groups this device knows, their members by name (`name` gives a member's name).
    public func workingGroupListing(in language: Language, name: (String) -> String) async throws -> Listing {
        var groups: [ListedGroup] = []
        let president = await device.president?.hex
        for group in try workingGroups() {
            let rostered = Set(group.members + group.supplementaryMembers + [president].compactMap(\.self))
            let granted = (try? await device.grantees(of: DossierScopes.group(group.name)))?.map(\.hex).filter { !rostered.contains($0) } ?? []
            groups.append(ListedGroup(name: group.name, members: group.members, supplementaryMembers: group.supplementaryMembers,
                                      created: group.created, granted: granted))
        }
        var listing = Listing(headers: [Text(fr: "Groupe", en: "Group"), Text(fr: "Créé le", en: "Created"),
                                        Text(fr: "Membres", en: "Members"), Text(fr: "Supplémentaires", en: "Supplementary"),
                                        Text(fr: "Autres accès (admin acces)", en: "Other access (admin acces)")].map { $0.in(language) },
                              records: groups)
        for group in groups {
            listing.appendRow([group.name, group.created.text(in: language), group.members.map(name).joined(separator: ", "),
                               group.supplementaryMembers.map(name).joined(separator: ", "), group.granted.map(name).joined(separator: ", ")])
        }
        return listing
    }

    /// The notes on `dossier` this device reads (private and its groups').
    public func noteListing(on dossier: String, in scope: ScopeID, language: Language) async throws -> Listing {
        let listed = try await notes(on: dossier, in: scope).map {
            ListedNote(id: $0.id, scope: $0.scope.rawValue, version: $0.version, location: $0.location, text: $0.text,
                       earlierVersion: $0.madeOnEarlierVersion)
        }
        var listing = Listing(headers: [Text(fr: "Portée", en: "Scope"), Text(fr: "Version", en: "Version"),
                                        Text(fr: "Emplacement", en: "Location"), Text(fr: "Note", en: "Note")].map { $0.in(language) },
                              records: listed)
        for note in listed {
            let version = note.earlierVersion ? Text(fr: "\(note.version) (antérieure)", en: "\(note.version) (earlier)").in(language) : String(note.version)
            listing.appendRow([Self.scopeLabel(note.scope, language), version, note.location, note.text])
        }
        return listing
    }

    /// The dossiers of `scope` and their versions, offline or not, new or seen.
    public func dossierListing(in scope: ScopeID, language: Language) throws -> Listing {
        let listed = try dossierVersions(in: scope)
        var listing = Listing(headers: [Text(fr: "Dossier", en: "Dossier"), Text(fr: "Version", en: "Version"), Text(fr: "Titre", en: "Title"),
                                        Text(fr: "Fichier", en: "File"), Text(fr: "Taille (octets)", en: "Size (bytes)"), Text(fr: "Hors ligne", en: "Offline"),
                                        Text(fr: "Nouveau", en: "New")].map { $0.in(language) }, records: listed)
        for item in listed {
            listing.appendRow([item.dossier, String(item.version), item.title, item.fileName, String(item.size),
                               (item.offline ? Text(fr: "oui", en: "yes") : Text(fr: "non", en: "no")).in(language),
                               item.seen ? "" : Text(fr: "nouveau", en: "new").in(language)])
        }
        // Sealed here, their upload cut: shown in the table (not in --json, which lists versions) so nobody adds them twice.
        for waiting in try DossierLibrary(store: device.store, scope: scope).waitingUploads() {
            listing.appendRow([waiting.dossier, Text(fr: "en attente d'envoi", en: "waiting to upload").in(language), waiting.title,
                               waiting.fileName, String(waiting.size), Text(fr: "oui", en: "yes").in(language), ""])
        }
        return listing
    }

    /// Full-text search of every version this device reads, offline; a snippet spanning lines of
    /// the text is one table row.
    public func searchListing(_ words: String, language: Language) async throws -> Listing {
        let found = try await searchDossiers(words).map {
            FoundPassage(scope: $0.scope, dossier: $0.dossier, version: $0.version, title: $0.title, snippet: $0.snippet)
        }
        var listing = Listing(headers: [Text(fr: "Portée", en: "Scope"), Text(fr: "Dossier", en: "Dossier"), Text(fr: "Version", en: "Version"),
                                        Text(fr: "Titre", en: "Title"), Text(fr: "Extrait", en: "Excerpt")].map { $0.in(language) }, records: found)
        for hit in found {
            listing.appendRow([Self.scopeLabel(hit.scope, language), hit.dossier, String(hit.version), hit.title,
                               hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " ")])
        }
        return listing
    }

    /// A scope as a person reads it in a table (`ScopeID.text`); `--json` keeps its wire name.
    static func scopeLabel(_ scope: String, _ language: Language) -> String {
        ScopeID.text(naming: scope).in(language)
    }
}
