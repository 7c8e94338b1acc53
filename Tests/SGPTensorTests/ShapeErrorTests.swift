import XCTest
import SGPTensor

/// Shape errors are thrown (never trapped) and name the op and both shapes.
final class ShapeErrorTests: XCTestCase {
    func message(_ body: () throws -> Tensor) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func testMessagesNameOpAndShapes() {
        let a = Tensor.zeros([32, 10]), b = Tensor.zeros([16, 4])
        XCTAssertEqual(message { try a.matmul(b) }, "matmul: cannot multiply [32, 10] by [16, 4]: inner dimensions 10 and 16 differ")
        XCTAssertEqual(message { try Tensor.linear(a, b, nil) }, "linear: cannot multiply [32, 10] by [16, 4]: inner dimensions 10 and 16 differ")
        XCTAssertEqual(message { try a + Tensor.zeros([3]) }, "add: cannot broadcast shapes [32, 10] and [3]")
        XCTAssertEqual(message { try Tensor.maximum(a, b) }, "maximum: cannot broadcast shapes [32, 10] and [16, 4]")
        XCTAssertEqual(message { try Tensor.compare(a, b, .lt) }, "compare: cannot broadcast shapes [32, 10] and [16, 4]")
        XCTAssertEqual(message { try Tensor.where(a, a, b) }, "where: cannot broadcast shapes [32, 10] and [16, 4]")
        XCTAssertEqual(message { try Tensor.concat([a, b], axis: 0) }, "concat: cannot join [32, 10] and [16, 4] along axis 0")
        XCTAssertEqual(message { try Tensor.stack([a, b], axis: 0) }, "stack: cannot stack [32, 10] and [16, 4]: shapes differ")
        XCTAssertEqual(message { try a.reshaped([7, -1]) }, "reshape: cannot reshape [32, 10] (320 elements) into [7, -1]")
        XCTAssertEqual(message { try a.sum(axes: [2]) }, "sum: axis 2 is out of range for a tensor of rank 2")
        XCTAssertEqual(message { try a.permuted([0]) }, "permute: 1 axes given for shape [32, 10] of rank 2")
        XCTAssertEqual(message { try a.split(sizes: [3, 3], axis: 1) [0] }, "split: sizes [3, 3] do not add up to extent 10 of axis 1 in [32, 10]")
        XCTAssertEqual(message { try Tensor.linear(a, Tensor.zeros([10, 4]), Tensor.zeros([3])) },
                       "linear: bias of shape [3] does not match output features [4] of weight [10, 4]")
        XCTAssertEqual(message { try Tensor.scatterAdd(into: a, indices: Tensor([0]), values: b, axis: 0) },
                       "scatter_add: values of shape [16, 4] do not match [1, 10] (into [32, 10], indices [1], axis 0)")
    }

    /// Results too large to allocate are refused with an error instead of crashing the allocator.
    func testHugeResultsThrow() {
        let col = Tensor.zeros([100_000, 1]), row = Tensor.zeros([1, 100_000])
        XCTAssertEqual(message { try col + row }, "add: shape [100000, 100000] exceeds the limit of 2147483648 elements")
        XCTAssertThrowsError(try col.matmul(row))
        XCTAssertThrowsError(try Tensor.oneHot(Tensor.zeros([100_000]), classes: 100_000))
        XCTAssertThrowsError(try Shape.checkedCount([-1, 3], op: "zeros"))
        XCTAssertThrowsError(try Shape.checkedCount([1 << 40, 1 << 40], op: "zeros"))
    }
}
