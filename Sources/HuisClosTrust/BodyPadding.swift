import HuisClosL10n

/// Pads batch bodies to a few size buckets before sealing, so ciphertext sizes say little about
/// what changed; removes the padding strictly after opening.
///
/// Layout: the bytes, one 0x80 marker, then zeros up to the bucket (ISO/IEC 7816-4). Buckets, for
/// `n` = bytes + 1: 256 B for n ≤ 256; the next power of two up to 64 KiB; above that, the next
/// multiple of 64 KiB (`TrustLimits`). Unpadding accepts only the canonical form: a valid bucket
/// size, the marker, zeros after it, and no more padding than the bucket needs.
public enum BodyPadding {
    /// The padded size of `count` bytes (the marker included).
    public static func bucket(for count: Int) -> Int {
        precondition(count >= 0, "a size is not negative")
        let needed = count + 1
        if needed <= TrustLimits.paddingBucketBytesMin { return TrustLimits.paddingBucketBytesMin }
        if needed <= TrustLimits.paddingPowerOfTwoBytesMax {
            return 1 << (Int.bitWidth - (needed - 1).leadingZeroBitCount)
        }
        let step = TrustLimits.paddingStepBytes
        return (needed + step - 1) / step * step
    }

    /// `bytes`, the marker, and zeros up to the bucket.
    public static func pad(_ bytes: [UInt8]) -> [UInt8] {
        var padded = [UInt8]()
        padded.reserveCapacity(bucket(for: bytes.count))
        padded.append(contentsOf: bytes)
        padded.append(0x80)
        padded.append(contentsOf: repeatElement(0, count: bucket(for: bytes.count) - padded.count))
        return padded
    }

    /// The bytes before the marker; throws `.malformed` unless `padded` is exactly `pad` of them.
    public static func unpad(_ padded: [UInt8]) throws(TrustError) -> [UInt8] {
        guard let marker = padded.lastIndex(where: { $0 != 0 }), padded[marker] == 0x80 else {
            throw TrustError(.malformed, Text(fr: "le contenu ouvert n'a pas de marque de remplissage : il n'a pas été scellé par HuisClos",
                                              en: "the opened body has no padding marker: it was not sealed by HuisClos"))
        }
        guard bucket(for: marker) == padded.count else {
            throw TrustError(.malformed, Text(fr: "le contenu ouvert est rempli jusqu'à \(padded.count) octets, et non à sa taille \(bucket(for: marker))",
                                         en: "the opened body is padded to \(padded.count) bytes, not its bucket \(bucket(for: marker))"))
        }
        return Array(padded[..<marker])
    }
}
