import CHDF5
import SGPTensor

/// A thin, throwing wrapper over the HDF5 C library (the only file that imports `CHDF5`). HDF5's own error
/// printing is silenced; failures become `DataError`s naming the file and key.
final class HDF5File {
    let path: String
    private let id: hid_t
    private var isOpen = true

    /// The numeric class of a stored dataset.
    enum Kind { case float, integer, boolean, other(String) }

    /// Shape and element class of a stored dataset.
    struct Info { let shape: [Int]; let kind: Kind }

    private init(path: String, id: hid_t) { self.path = path; self.id = id }

    deinit { close() }

    /// Closes the file (idempotent); writes are complete on disk afterwards.
    func close() {
        if isOpen { H5Fclose(id); isOpen = false }
    }

    /// Opens an existing file read-only.
    static func open(_ path: String) throws -> HDF5File {
        sgp_hdf5_silence()
        let id = H5Fopen(path, sgp_H5F_ACC_RDONLY(), sgp_H5P_DEFAULT())
        guard id >= 0 else { throw DataError.corrupt(path: path, detail: "the HDF5 library cannot open it") }
        return HDF5File(path: path, id: id)
    }

    /// Creates (truncating) a file for writing.
    static func create(_ path: String) throws -> HDF5File {
        sgp_hdf5_silence()
        let id = H5Fcreate(path, sgp_H5F_ACC_TRUNC(), sgp_H5P_DEFAULT(), sgp_H5P_DEFAULT())
        guard id >= 0 else { throw DataError.writeFailed(path: path, detail: "the HDF5 library cannot create it") }
        return HDF5File(path: path, id: id)
    }

    /// True when a link `name` (a path like `a/b`) exists, checking each parent first as HDF5 requires.
    func exists(_ name: String) -> Bool {
        var prefix = ""
        for part in name.split(separator: "/") {
            prefix += prefix.isEmpty ? String(part) : "/" + part
            if H5Lexists(id, prefix, sgp_H5P_DEFAULT()) <= 0 { return false }
        }
        return !prefix.isEmpty
    }

    /// True when `name` is a dataset (not a group).
    func isDataset(_ name: String) -> Bool {
        guard exists(name) else { return false }
        let d = H5Dopen2(id, name, sgp_H5P_DEFAULT())
        if d >= 0 { H5Dclose(d); return true }
        return false
    }

    /// True when `name` is a group.
    func isGroup(_ name: String) -> Bool {
        guard name == "/" || exists(name) else { return false }
        let g = H5Gopen2(id, name, sgp_H5P_DEFAULT())
        if g >= 0 { H5Gclose(g); return true }
        return false
    }

    /// Names of the links in group `group` ("/" for the root), in name order.
    func members(_ group: String = "/") -> [String] {
        let g = H5Gopen2(id, group, sgp_H5P_DEFAULT())
        guard g >= 0 else { return [] }
        defer { H5Gclose(g) }
        var info = H5G_info_t()
        guard H5Gget_info(g, &info) >= 0 else { return [] }
        var names: [String] = []
        for i in 0..<info.nlinks {
            let len = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, sgp_H5P_DEFAULT())
            guard len >= 0 else { continue }
            var buf = [CChar](repeating: 0, count: Int(len) + 1)
            _ = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, &buf, Int(len) + 1, sgp_H5P_DEFAULT())
            names.append(String(decoding: buf.prefix(Int(len)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return names
    }

    /// Shape and class of dataset `name`; throws `missingKey` or `notADataset` style errors.
    func info(_ name: String) throws -> Info {
        guard exists(name) else { throw DataError.missingKey(path: path, key: name, available: members()) }
        let d = H5Dopen2(id, name, sgp_H5P_DEFAULT())
        guard d >= 0 else { throw DataError.wrongDType(path: path, key: name, found: "group") }
        defer { H5Dclose(d) }
        let space = H5Dget_space(d)
        defer { H5Sclose(space) }
        let rank = Int(H5Sget_simple_extent_ndims(space))
        guard rank >= 0 else { throw DataError.corrupt(path: path, detail: "cannot read the shape of '\(name)'") }
        var dims = [hsize_t](repeating: 0, count: max(1, rank))
        _ = H5Sget_simple_extent_dims(space, &dims, nil)
        let type = H5Dget_type(d)
        defer { H5Tclose(type) }
        let cls = H5Tget_class(type)
        let kind: Kind
        if cls == H5T_FLOAT { kind = .float }
        else if cls == H5T_INTEGER { kind = .integer }
        else if cls == H5T_ENUM { kind = .boolean }
        else if cls == H5T_STRING { kind = .other("string") }
        else if cls == H5T_COMPOUND { kind = .other("compound") }
        else { kind = .other("HDF5 class \(cls.rawValue)") }
        let shape = dims.prefix(rank).map { Int(clamping: $0) }
        // A corrupt header can claim absurd extents; refuse before allocating.
        let total = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        guard total <= Limits.maxElements else {
            throw DataError.corrupt(path: path, detail: "'\(name)' claims shape \(shape), beyond the limit of \(Limits.maxElements) elements")
        }
        return Info(shape: shape, kind: kind)
    }

    /// Reads dataset `name` converted to float32, with its stored shape.
    func readFloats(_ name: String) throws -> Tensor {
        let inf = try info(name)
        switch inf.kind {
        case .float, .integer: break
        case .boolean: return try readBytesAsFloats(name, shape: inf.shape)
        case .other(let s): throw DataError.wrongDType(path: path, key: name, found: s)
        }
        let t = Tensor.uninitialized(inf.shape)
        try read(name, type: sgp_H5T_NATIVE_FLOAT(), into: UnsafeMutableRawPointer(t.storage.f32), count: t.count)
        return t
    }

    /// Reads dataset `name` as bytes (booleans stored by h5py as an enum over int8 convert to 0/1).
    func readBytes(_ name: String) throws -> (shape: [Int], bytes: [UInt8]) {
        let inf = try info(name)
        if case .other(let s) = inf.kind { throw DataError.wrongDType(path: path, key: name, found: s) }
        let n = inf.shape.reduce(1, *)
        var out = [UInt8](repeating: 0, count: max(1, n))
        if inf.kind.isFloat {
            // Float flags (0.0 / 1.0): convert through float so 0.5 or NaN do not wrap around.
            let f = Tensor.uninitialized(inf.shape)
            try read(name, type: sgp_H5T_NATIVE_FLOAT(), into: UnsafeMutableRawPointer(f.storage.f32), count: n)
            for i in 0..<n { out[i] = f.storage.f32[i] != 0 ? 1 : 0 }
        } else {
            try out.withUnsafeMutableBytes { try read(name, type: sgp_H5T_NATIVE_UINT8(), into: $0.baseAddress, count: n) }
        }
        return (inf.shape, Array(out.prefix(n)))
    }

    private func readBytesAsFloats(_ name: String, shape: [Int]) throws -> Tensor {
        let (_, b) = try readBytes(name)
        let t = Tensor.uninitialized(shape)
        for i in 0..<b.count { t.storage.f32[i] = Float(b[i]) }
        return t
    }

    private func read(_ name: String, type: hid_t, into buffer: UnsafeMutableRawPointer?, count: Int) throws {
        guard count > 0 else { return }
        let d = H5Dopen2(id, name, sgp_H5P_DEFAULT())
        guard d >= 0 else { throw DataError.corrupt(path: path, detail: "cannot open '\(name)'") }
        defer { H5Dclose(d) }
        guard H5Dread(d, type, sgp_H5S_ALL(), sgp_H5S_ALL(), sgp_H5P_DEFAULT(), buffer) >= 0 else {
            throw DataError.corrupt(path: path, detail: "reading '\(name)' failed (data missing or not convertible to numbers)")
        }
    }

    /// True when the root carries attribute `name`.
    func hasAttribute(_ name: String) -> Bool { H5Aexists(id, name) > 0 }

    // MARK: - Writing

    /// Writes a float32 dataset of `shape` from `data`.
    func writeFloats(_ name: String, shape: [Int], data: UnsafePointer<Float>) throws {
        try write(name, shape: shape, fileType: sgp_H5T_IEEE_F32LE(), memType: sgp_H5T_NATIVE_FLOAT(), data: UnsafeRawPointer(data))
    }

    /// Writes a boolean dataset the way h5py does (an enum over int8 with FALSE = 0, TRUE = 1).
    func writeBools(_ name: String, _ values: [Bool]) throws {
        let t = H5Tenum_create(sgp_H5T_NATIVE_INT8())
        defer { H5Tclose(t) }
        var no: Int8 = 0, yes: Int8 = 1
        H5Tenum_insert(t, "FALSE", &no)
        H5Tenum_insert(t, "TRUE", &yes)
        let bytes = values.map { Int8($0 ? 1 : 0) }
        try bytes.withUnsafeBytes { try write(name, shape: [values.count], fileType: t, memType: t, data: $0.baseAddress) }
    }

    /// Writes an int64 dataset.
    func writeInt64(_ name: String, _ values: [Int64]) throws {
        try values.withUnsafeBytes {
            try write(name, shape: [values.count], fileType: sgp_H5T_STD_I64LE(), memType: sgp_H5T_NATIVE_INT64(), data: $0.baseAddress)
        }
    }

    private func write(_ name: String, shape: [Int], fileType: hid_t, memType: hid_t, data: UnsafeRawPointer?) throws {
        var dims = shape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(shape.count), &dims, nil)
        guard space >= 0 else { throw DataError.writeFailed(path: path, detail: "cannot describe shape \(shape) of '\(name)'") }
        defer { H5Sclose(space) }
        let d = H5Dcreate2(id, name, fileType, space, sgp_H5P_DEFAULT(), sgp_H5P_DEFAULT(), sgp_H5P_DEFAULT())
        guard d >= 0 else { throw DataError.writeFailed(path: path, detail: "cannot create '\(name)'") }
        defer { H5Dclose(d) }
        if shape.reduce(1, *) > 0 {
            guard H5Dwrite(d, memType, sgp_H5S_ALL(), sgp_H5S_ALL(), sgp_H5P_DEFAULT(), data) >= 0 else {
                throw DataError.writeFailed(path: path, detail: "writing '\(name)' failed")
            }
        }
    }

    /// Sets a string attribute on the root group.
    func setAttribute(_ name: String, _ value: String) throws {
        let t = H5Tcopy(sgp_H5T_C_S1())
        defer { H5Tclose(t) }
        let bytes = Array(value.utf8)
        H5Tset_size(t, max(1, bytes.count))
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let a = H5Acreate2(id, name, t, space, sgp_H5P_DEFAULT(), sgp_H5P_DEFAULT())
        guard a >= 0 else { throw DataError.writeFailed(path: path, detail: "cannot create attribute '\(name)'") }
        defer { H5Aclose(a) }
        let padded = bytes.isEmpty ? [UInt8(0)] : bytes
        guard padded.withUnsafeBytes({ H5Awrite(a, t, $0.baseAddress) }) >= 0 else {
            throw DataError.writeFailed(path: path, detail: "writing attribute '\(name)' failed")
        }
    }

    /// Flushes buffered writes to disk.
    func flush() throws {
        guard H5Fflush(id, H5F_SCOPE_GLOBAL) >= 0 else { throw DataError.writeFailed(path: path, detail: "flush failed") }
    }
}

extension HDF5File.Kind {
    var isFloat: Bool { if case .float = self { return true }; return false }
}
