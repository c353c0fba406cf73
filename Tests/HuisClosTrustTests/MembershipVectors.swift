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

    /// The fourteen records, built through `MembershipLog.append` (so each passes verification).
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
            ("member-device", .startEpoch(scope: group, epoch: 1, reason: .initial, commitment: [UInt8](repeating: 0xC0, count: 32))),
            ("secretariat-device", .removeFromScope(member: member, scope: hearing)),
            ("secretariat-device", .certifyDevice(secondMemberDevice)),
            ("member-device", .approveDevice(member: member, device: secondMemberDevice.signingKey)),
            ("secretariat-device", .revokeDevice(device: memberDevice.signingKey, wipe: true)),
            ("secretariat-device", .endMandate(member: member, reason: .resignation)),
        ]
        var log = try TrustRoot.establishCouncil(named: "Conseil numérique de la Seine-Saint-Denis", rootKey: keys["root"]!, at: start)
        for (offset, (signer, event)) in script.enumerated() {
            try log.append(event, signedBy: keys[signer]!, at: start.adding(seconds: Int64(offset + 1) * 3_600))
        }
        return (log, ["root"] + script.map(\.0))
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
        case let .revokeDevice(device, wipe):
            fields.merge(["device": device.bytes.hexString, "wipe": "\(wipe)"]) { $1 }
        case let .startEpoch(scope, epoch, reason, commitment):
            fields.merge(["scope": scope.rawValue, "epoch": "\(epoch)", "reason": "\(reason)", "commitment": commitment.hexString]) { $1 }
        case let .approveDevice(member, device):
            fields.merge(["member": member.hex, "device": device.bytes.hexString]) { $1 }
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
