public import Foundation
public import HuisClosDevice
public import HuisClosL10n
public import HuisClosProtocol
import HuisClosStore
public import HuisClosTrust
import HuisClosWire

/// What the verified log says of this device now: certified and approved or not, the scopes it
/// reads and writes, when it last synced.
public struct DeviceStatus: Sendable {
    public let certificate: CertifiedDevice
    public let server: String
    public let standing: DeviceStanding
    /// Certified, not revoked, with a mandate in force.
    public let valid: Bool
    /// Approved by another of the member's devices (or the first one).
    public let approved: Bool
    public let readable: [String]
    public let writable: [String]
    /// The last successful sync; nil if never.
    public let lastSync: Date?
    /// What this device still waits for, and who must act.
    public let pending: [PendingStep]
    /// The state digest of each scope held: equal on two devices, they hold the same.
    public let digests: [ScopeID: [UInt8]]
    /// The council's trust root is on this device (the secretariat's, until exported with `--retirer`).
    public let holdsTrustRoot: Bool
}

extension ClientSession {
    /// This device's status now, by the session's clock.
    public func status() async throws -> DeviceStatus {
        let state = await device.membership
        let key = device.certificate.signingKey
        let now = instant
        let lastSync = await device.lastSync
        return DeviceStatus(certificate: device.certificate, server: device.server, standing: await device.standing,
                            valid: state.isDeviceValid(key, at: now), approved: state.isApproved(key, at: now),
                            readable: state.readableScopes(of: key, at: now).map(\.rawValue).sorted(),
                            writable: state.writableScopes(of: key, at: now).map(\.rawValue).sorted(),
                            lastSync: lastSync.timeIntervalSince1970 > 0 ? lastSync : nil,
                            pending: await device.pendingSteps, digests: try device.store.scopeDigests(),
                            holdsTrustRoot: await device.holdsTrustRoot)
    }
}

/// A device's status as `status --json` prints it.
public struct StatusReport: Encodable, Sendable {
    public let device: DeviceCard
    public let server: String
    public let valid: Bool
    /// True once the member approved this device (first device, or approved from another).
    public let approved: Bool
    public let readable: [String]
    public let writable: [String]
    /// ISO 8601 UTC; nil before the first sync.
    public let lastSync: String?
    /// What this device still waits for (`PendingStep.keyword`; the text output says who must act).
    public let pending: [String]
    /// The state digest of each scope held (hex BLAKE2b-256): equal on two devices, they hold the same.
    public let digests: [String: String]
    /// The council's trust root is on this device.
    public let holdsTrustRoot: Bool
}

extension DeviceStatus {
    /// The status as `status --json` prints it.
    public var report: StatusReport {
        StatusReport(device: DeviceCard(certificate), server: server, valid: valid, approved: approved,
                     readable: readable, writable: writable, lastSync: lastSync.map { ISO8601DateFormatter().string(from: $0) },
                     pending: pending.map(\.keyword),
                     digests: Dictionary(uniqueKeysWithValues: digests.map { ($0.key.rawValue, Hex.encode($0.value)) }),
                     holdsTrustRoot: holdsTrustRoot)
    }

    /// The status in sentences: server, device, standing, fingerprint, what is pending and who
    /// acts, the scopes read and written, the last sync (Paris time), and the trust root when it is
    /// still here (whoever took this device and its passphrase could certify devices with it).
    public var lines: [Text] {
        let report = self.report
        // Scopes as a person names them (« le conseil », « les notes privées »); --json keeps the wire names.
        func named(_ scopes: [String], _ language: Language) -> String? {
            scopes.isEmpty ? nil : scopes.map { ClientSession.scopeLabel($0, language) }.joined(separator: ", ")
        }
        let (readable, writable) = ((fr: named(report.readable, .french), en: named(report.readable, .english)),
                                    (fr: named(report.writable, .french), en: named(report.writable, .english)))
        let lastSyncSeconds = lastSync.map { Int64($0.timeIntervalSince1970) }
        return [Text(fr: "Serveur : \(report.server)", en: "Server: \(report.server)"),
                Text(fr: "Appareil : \(report.device.signingKey) (membre \(report.device.member))",
                     en: "Device: \(report.device.signingKey) (member \(report.device.member))"),
                standing.text,
                Text(fr: "Empreinte : \(report.device.fingerprint)", en: "Fingerprint: \(report.device.fingerprint)")]
            + (standing == .valid ? pending.map { Text(fr: "En attente — \($0.text.french)", en: "Pending — \($0.text.english)") } : [])
            + [Text(fr: "Lecture : \(readable.fr ?? "aucune")", en: "Read: \(readable.en ?? "none")"),
               Text(fr: "Écriture : \(writable.fr ?? "aucune")", en: "Write: \(writable.en ?? "none")"),
               Text(fr: "Dernière synchronisation : \(lastSyncSeconds.map { LocalTime.text(unixSeconds: $0, in: .french) } ?? "jamais")",
                    en: "Last sync: \(lastSyncSeconds.map { LocalTime.text(unixSeconds: $0, in: .english) + " (Paris time)" } ?? "never")")]
            + (holdsTrustRoot ? [Text(
                fr: "Racine de confiance : sur cet appareil. Gardez-en une copie hors ligne et retirez-la d'ici "
                    + "(huisclos admin racine exporter --sortie <clé USB>/racine.hcroot --retirer) : qui prendrait cet appareil et sa phrase de passe pourrait sinon certifier des appareils.",
                en: "Trust root: on this device. Keep a copy offline and remove it from here "
                    + "(huisclos admin racine exporter --sortie <USB key>/racine.hcroot --retirer): whoever took this device and its passphrase could otherwise certify devices.")] : [])
    }
}
