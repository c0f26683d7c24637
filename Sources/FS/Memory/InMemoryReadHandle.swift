import NIOCore

/// A read handle on a snapshot of an ``InMemoryFileSystem`` file.
struct InMemoryReadHandle: FSReadHandle {
    let path: FSPath
    let data: ByteBuffer

    var size: Int64 { Int64(data.readableBytes) }

    func read(at offset: Int64, count: Int) throws -> ByteBuffer {
        precondition(offset >= 0 && count >= 0, "negative offset or count")
        guard offset < size else { return ByteBuffer() }
        let length = min(count, data.readableBytes - Int(offset))
        return data.getSlice(at: data.readerIndex + Int(offset), length: length)!
    }
}
