import CZlib

/// A minimal zip archive (PKWARE APPNOTE 6.3): writes stored (uncompressed) entries with CRC-32;
/// reads stored and deflated entries through the central directory, checking every CRC.
/// No zip64, encryption or multi-disk archives: they are refused with a clear error.
enum ZipArchive {
    /// One file in the archive.
    struct Entry: Equatable {
        let name: String
        let data: [UInt8]
    }

    static let localSignature: UInt32 = 0x0403_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    /// Version 2.0: the minimum for a plain stored or deflated entry.
    static let version: UInt16 = 20
    /// 12:00 on 1 Jan 2000 in MS-DOS form: a fixed time keeps archives byte-identical across runs.
    static let dosTime: UInt16 = 0x6000, dosDate: UInt16 = 0x2821

    /// The archive bytes holding `entries` stored without compression.
    static func encode(_ entries: [Entry]) throws -> [UInt8] {
        var out = ByteWriter()
        var central = ByteWriter()
        // Zip without zip64 counts sizes and offsets in 32 bits.
        guard entries.count < 0xFFFF else { throw ZipFailure("more than 65,534 entries need zip64") }
        for entry in entries {
            let offset = out.bytes.count
            let name = Array(entry.name.utf8)
            guard offset < Int(UInt32.max), entry.data.count < Int(UInt32.max), name.count < 0xFFFF else {
                throw ZipFailure("entry '\(entry.name)' is too large for a zip without zip64")
            }
            let crc = CRC32.checksum(entry.data)
            out.uint32(localSignature)
            writeCommon(&out, crc: crc, size: entry.data.count, nameLength: name.count)
            out.append(name)
            out.append(entry.data)
            central.uint32(centralSignature)
            central.uint16(version)
            writeCommon(&central, crc: crc, size: entry.data.count, nameLength: name.count)
            central.uint16(0); central.uint16(0); central.uint16(0) // comment length, disk, internal attributes
            central.uint32(0) // external attributes
            central.uint32(UInt32(offset))
            central.append(name)
        }
        let centralOffset = out.bytes.count
        out.append(central.bytes)
        out.uint32(endSignature)
        out.uint16(0); out.uint16(0)
        out.uint16(UInt16(entries.count)); out.uint16(UInt16(entries.count))
        out.uint32(UInt32(central.bytes.count))
        out.uint32(UInt32(centralOffset))
        out.uint16(0)
        return out.bytes
    }

    /// Fields shared by local and central headers: version, flags, method, time, CRC, sizes, name length.
    private static func writeCommon(_ w: inout ByteWriter, crc: UInt32, size: Int, nameLength: Int) {
        w.uint16(version); w.uint16(0); w.uint16(0)
        w.uint16(dosTime); w.uint16(dosDate)
        w.uint32(crc); w.uint32(UInt32(size)); w.uint32(UInt32(size))
        w.uint16(UInt16(nameLength)); w.uint16(0)
    }
}

/// Why an archive could not be written or read.
struct ZipFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
