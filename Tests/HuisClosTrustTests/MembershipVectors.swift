import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust

/// The deterministic council behind `Protocol/vectors/membership-v1.json`: fixed seeds, ids and
/// instants, so every record (Ed25519 is deterministic) has fixed bytes.
enum MembershipVectors {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocol/vectors/membership-v1.json")

    /// A key pair from the seed bytes `first`, `first + 1`, … (32 bytes).
    static func signingKey(seedFrom first: UInt8) throws -> SigningKeyPair {
        try SigningKeyPair.fromSeed(SecureBytes(copying: (0..<32).map { first &+ UInt8($0) }))
    }

    static func agreementKey(seedFrom first: UInt8) throws -> AgreementKeyPair {
        try AgreementKeyPair.fromSeed(SecureBytes(copying: (0..<32).map { first &+ UInt8($0) }))
    }

    /// The signers by name, as the JSON names them.
    static func signers() throws -> [String: SigningKeyPair] {
        ["root": try signingKey(seedFrom: 0x01), "secretariat-device": try signingKey(seedFrom: 0x21),
         "member-device": try signingKey(seedFrom: 0x61), "second-member-device": try signingKey(seedFrom: 0xA1)]
    }

    /// The eighteen records, built through `MembershipLog.append` (so each passes verification).
    static func build() throws -> (log: MembershipLog, signerNames: [String]) {
        let keys = try signers()
        let secretariat = try MemberID(bytes: [UInt8](repeating: 0x5E, count: 16))
        let member = try MemberID(bytes: [UInt8](repeating: 0x3A, count: 16))
        let secretariatDevice = CertifiedDevice(signingKey: keys["secretariat-device"]!.publicKey,
                                                agreementKey: try agreementKey(seedFrom: 0x41).publicKey, member: secretariat)
        let memberDevice = CertifiedDevice(signingKey: keys["member-device"]!.publicKey,
                                           agreementKey: try agreementKey(seedFrom: 0x81).publicKey, member: member)
        let secondMemberDevice = CertifiedDevice(signingKey: keys["second-member-device"]!.publicKey,
                                                 agreementKey: try agreementKey(seedFrom: 0xC1).publicKey, member: member)
        let group = try ScopeID("group:budget")
        let hearing = try ScopeID("hearing:2026-03-dupont")
        let start = Instant(unixSeconds: 1_767_225_600)
        let end = Instant(unixSeconds: 1_861_920_000)
        let charter = [UInt8](repeating: 0xC4, count: 32)
        let script: [(String, MembershipEvent)] = [
            ("root", .appointMember(Appointment(member: secretariat, role: .secretariat, orderNumber: "arrêté n° 2026-0001",
                                                orderDate: start, mandateEnd: end, scopes: []))),
            ("root", .certifyDevice(secretariatDevice)),
            ("secretariat-device", .acceptUndertaking(member: secretariat, device: secretariatDevice.signingKey, charterDigest: charter)),
            ("secretariat-device", .appointMember(Appointment(member: member, role: .member, orderNumber: "arrêté n° 2026-0142",
                                                              orderDate: start, mandateEnd: end, scopes: [group]))),
            ("secretariat-device", .certifyDevice(memberDevice)),
            ("member-device", .acceptUndertaking(member: member, device: memberDevice.signingKey, charterDigest: charter)),
            ("secretariat-device", .addToScope(member: member, scope: hearing, access: .read, expiry: end)),
            ("member-device", .startEpoch(scope: member.privateScope, epoch: 1, reason: .initial, commitment: [UInt8](repeating: 0xC0, count: 32),
                                          keys: EpochKeys(starterSealedKey: [UInt8](repeating: 0xE1, count: 80), link: nil))),
            ("member-device", .startEpoch(scope: member.privateScope, epoch: 2, reason: .scheduled, commitment: [UInt8](repeating: 0xC1, count: 32),
                                          keys: EpochKeys(starterSealedKey: [UInt8](repeating: 0xE2, count: 80),
                                                          link: KeyChainLink(scope: member.privateScope, epoch: 2, fromEpoch: 1,
                                                                             sealedPreviousKey: [UInt8](repeating: 0xD1, count: 72))))),
            ("secretariat-device", .removeFromScope(member: member, scope: hearing)),
            ("secretariat-device", .reportAbsences(member: member, count: 3, reportDigest: [UInt8](repeating: 0xAB, count: 32))),
            ("secretariat-device", .certifyDevice(secondMemberDevice)),
            ("member-device", .approveDevice(member: member, device: secondMemberDevice.signingKey)),
            ("secretariat-device", .revokeDevice(device: memberDevice.signingKey, wipe: true)),
            ("secretariat-device", .endMandate(member: member, reason: .resignation)),
            ("secretariat-device", .recordPastMandate(PastMandate(member: member, role: .member, orderNumber: "arrêté n° 2020-0311",
                                                                  start: Instant(unixSeconds: 1_578_268_800),
                                                                  end: Instant(unixSeconds: 1_672_963_200)))),
            ("secretariat-device", .revokeDevice(device: secondMemberDevice.signingKey, wipe: false,
                                                 standing: StandingWrites([.council: 4, group: 0]))),
        ]
        var log = try TrustRoot.establishCouncil(named: "Conseil numérique de la Seine-Saint-Denis", rootKey: keys["root"]!, at: start)
        for (offset, (signer, event)) in script.enumerated() {
            try log.append(event, signedBy: keys[signer]!, at: start.adding(seconds: Int64(offset + 1) * 3_600))
        }
        return (log, ["root"] + script.map(\.0))
    }

    /// The JSON file's content for the scripted council (written by `MembershipVectorTests` when
    /// `HUISCLOS_WRITE_VECTORS=1`, after a deliberate change of the encoding).
    static func json() throws -> Data {
        let (log, names) = try build()
        let records: [[String: Any]] = zip(log.records, names).map { record, name in
            ["hash": record.hash.hexString, "hex": record.encoded.hexString, "meaning": meaning(of: record), "signerName": name]
        }
        let description = "A version-1 membership log of \(log.records.count) records, one of each type or more. Seeds: root = bytes "
            + "0x01..0x20; secretariat device Ed25519 = 0x21..0x40, X25519 = 0x41..0x60; member device Ed25519 = 0x61..0x80, "
            + "X25519 = 0x81..0xa0. Verify the whole log from the root key; decode each 'hex' and compare with 'meaning'; re-sign "
            + "the meaning with the named signer's seed and compare with 'hex' (Ed25519 is deterministic)."
        let object: [String: Any] = ["description": description, "rootKey": log.state.root.publicKey.bytes.hexString, "records": records]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }

    /// What a record means, as the JSON spells it: every field as a string.
    static func meaning(of record: MembershipRecord) -> [String: String] {
        var fields = ["index": "\(record.index)", "issuedAt": "\(record.issuedAt.unixSeconds)", "signer": record.signer.bytes.hexString,
                      "kind": "\(record.event.kind)"]
        switch record.event {
        case let .genesis(rootKey, name):
            fields["rootKey"] = rootKey.bytes.hexString
            fields["councilName"] = name
        case let .appointMember(a):
            fields.merge(["member": a.member.hex, "role": "\(a.role)", "orderNumber": a.orderNumber, "orderDate": "\(a.orderDate.unixSeconds)",
                          "mandateEnd": "\(a.mandateEnd.unixSeconds)", "scopes": a.scopes.map(\.rawValue).joined(separator: ",")]) { $1 }
        case let .endMandate(member, reason):
            fields.merge(["member": member.hex, "reason": "\(reason)"]) { $1 }
        case let .addToScope(member, scope, access, expiry):
            fields.merge(["member": member.hex, "scope": scope.rawValue, "access": "\(access)",
                          "expiry": expiry.map { "\($0.unixSeconds)" } ?? "none"]) { $1 }
        case let .removeFromScope(member, scope):
            fields.merge(["member": member.hex, "scope": scope.rawValue]) { $1 }
        case let .certifyDevice(device):
            fields.merge(["member": device.member.hex, "signingKey": device.signingKey.bytes.hexString,
                          "agreementKey": device.agreementKey.bytes.hexString]) { $1 }
        case let .acceptUndertaking(member, device, digest):
            fields.merge(["member": member.hex, "device": device.bytes.hexString, "charterDigest": digest.hexString]) { $1 }
        case let .revokeDevice(device, wipe, standing):
            let cut = standing.map { $0.lastSequences.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ") }
            fields.merge(["device": device.bytes.hexString, "wipe": "\(wipe)", "standing": cut ?? "none"]) { $1 }
        case let .startEpoch(scope, epoch, reason, commitment, keys):
            fields.merge(["scope": scope.rawValue, "epoch": "\(epoch)", "reason": "\(reason)", "commitment": commitment.hexString,
                          "starterSealedKey": keys.starterSealedKey.hexString,
                          "linkFromEpoch": keys.link.map { "\($0.fromEpoch)" } ?? "none",
                          "linkSealedKey": keys.link?.sealedPreviousKey.hexString ?? "none"]) { $1 }
        case let .reportAbsences(member, count, digest):
            fields.merge(["member": member.hex, "count": "\(count)", "reportDigest": digest.hexString]) { $1 }
        case let .approveDevice(member, device):
            fields.merge(["member": member.hex, "device": device.bytes.hexString]) { $1 }
        case let .recordPastMandate(past):
            fields.merge(["member": past.member.hex, "role": "\(past.role)", "orderNumber": past.orderNumber,
                          "start": "\(past.start.unixSeconds)", "end": "\(past.end.unixSeconds)"]) { $1 }
        }
        return fields
    }
}

extension Array where Element == UInt8 {
    /// Lowercase hex.
    var hexString: String { map { String(format: "%02x", $0) }.joined() }

    /// The bytes of a hex string (test data only: traps on bad hex).
    init(hexString: String) {
        let digits = Array(hexString.utf8)
        self = stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }
}
