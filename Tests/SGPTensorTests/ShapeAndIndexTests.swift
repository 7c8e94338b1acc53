import XCTest
import SGPTensor
import SGPTestSupport

/// Shape ops and indexing against index arithmetic done by hand.
final class ShapeAndIndexTests: XCTestCase {
    func testPermuteMatchesIndexArithmetic() throws {
        var rng = RandomStream(seed: 31, stream: "values")
        let x = Tensor.randn([2, 3, 4], rng: &rng)
        let y = try x.permuted([2, 0, 1])
        XCTAssertEqual(y.shape, [4, 2, 3])
        for i in 0..<y.count {
            let idx = Reference.unravel(i, y.shape)
            XCTAssertEqual(y.scalar(at: i), x.scalar(at: Reference.ravel([idx[1], idx[2], idx[0]], x.shape)))
        }
        XCTAssertEqual(try x.permuted([-1, 0, 1]).shape, [4, 2, 3])
    }

    func testConcatStackSplitRoundTrip() throws {
        var rng = RandomStream(seed: 32, stream: "values")
        let a = Tensor.randn([2, 3, 2], rng: &rng), b = Tensor.randn([2, 1, 2], rng: &rng)
        let c = try Tensor.concat([a, b], axis: 1)
        XCTAssertEqual(c.shape, [2, 4, 2])
        for i in 0..<c.count {
            let idx = Reference.unravel(i, c.shape)
            let expected = idx[1] < 3 ? a.scalar(at: Reference.ravel(idx, a.shape))
                                      : b.scalar(at: Reference.ravel([idx[0], 0, idx[2]], b.shape))
            XCTAssertEqual(c.scalar(at: i), expected)
        }
        let parts = try c.split(sizes: [3, 1], axis: -2)
        XCTAssertEqual(parts[0].scalars, a.scalars)
        XCTAssertEqual(parts[1].scalars, b.scalars)
        let s = try Tensor.stack([a, a, a], axis: 1)
        XCTAssertEqual(s.shape, [2, 3, 3, 2])
        XCTAssertEqual(try s.slice([.all, .index(2)]).scalars, a.scalars)
        XCTAssertEqual(try Tensor.stack([a, a], axis: -1).shape, [2, 3, 2, 2])
    }

    func testSqueezeUnsqueeze() throws {
        let x = Tensor.zeros([1, 3, 1])
        XCTAssertEqual(try x.squeezed().shape, [3])
        XCTAssertEqual(try x.squeezed(axis: -1).shape, [1, 3])
        XCTAssertEqual(try x.unsqueezed(axis: 3).shape, [1, 3, 1, 1])
        XCTAssertEqual(try x.unsqueezed(axis: -1).shape, [1, 3, 1, 1])
        XCTAssertThrowsError(try x.squeezed(axis: 1))
    }

    /// NumPy slicing on a 1-D range, cases checked against NumPy by hand.
    func testSliceMatchesNumPy() throws {
        let x = try Tensor.arange(0, 10)
        func s(_ start: Int?, _ stop: Int?, _ step: Int?) throws -> [Double] {
            try x.slice([.range(start: start, stop: stop, step: step)]).scalars
        }
        XCTAssertEqual(try s(2, 7, nil), [2, 3, 4, 5, 6])
        XCTAssertEqual(try s(nil, nil, -1), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
        XCTAssertEqual(try s(-3, nil, nil), [7, 8, 9])
        XCTAssertEqual(try s(8, 2, -2), [8, 6, 4])
        XCTAssertEqual(try s(-100, 100, 3), [0, 3, 6, 9])
        XCTAssertEqual(try s(100, -100, -4), [9, 5, 1])
        XCTAssertEqual(try s(5, 2, nil), [])
        XCTAssertEqual(try s(nil, -11, -1), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
        XCTAssertEqual(try x.slice([.index(-1)]).shape, [])
        XCTAssertThrowsError(try x.slice([.range(start: nil, stop: nil, step: 0)]))
    }

    func testSliceMultiAxisWithNewAxis() throws {
        let x = try Tensor.arange(0, 24).reshaped([2, 3, 4])
        let y = try x.slice([.index(1), .newAxis, .range(start: nil, stop: nil, step: -1), .range(start: 1, stop: 3, step: nil)])
        XCTAssertEqual(y.shape, [1, 3, 2])
        XCTAssertEqual(y.scalars, [21, 22, 17, 18, 13, 14])
        XCTAssertEqual(try x.slice([.all, .index(0)]).shape, [2, 4])
    }

    func testSliceOutOfRangeIndexNamesAxisAndSize() {
        let x = Tensor.zeros([2, 3])
        XCTAssertThrowsError(try x.slice([.all, .index(3)])) { e in
            XCTAssertEqual("\(e)", "slice: index 3 is out of range for axis 1 of size 3")
        }
        XCTAssertThrowsError(try x.slice([.index(0), .index(0), .index(0)]))
    }

    func testGatherScatterAddAndOneHot() throws {
        let x = try Tensor.arange(0, 12).reshaped([3, 4])
        let idx = Tensor([2, 0, 2, -1])
        let g = try x.gather(indices: idx, axis: 0)
        XCTAssertEqual(g.shape, [4, 4])
        XCTAssertEqual(try g.slice([.index(0)]).scalars, [8, 9, 10, 11])
        XCTAssertEqual(try g.slice([.index(3)]).scalars, [8, 9, 10, 11])
        let cols = try x.gather(indices: try Tensor(shape: [2, 1], doubles: [3, 1]), axis: 1)
        XCTAssertEqual(cols.shape, [3, 2, 1])
        XCTAssertEqual(cols.scalars, [3, 1, 7, 5, 11, 9])
        let s = try Tensor.scatterAdd(into: Tensor.zeros([3]), indices: Tensor([0, 2, 0]), values: Tensor([1, 2, 3]), axis: 0)
        XCTAssertEqual(s.scalars, [4, 0, 2])
        let oh = try Tensor.oneHot(Tensor([1, 0, 2]), classes: 3)
        XCTAssertEqual(oh.scalars, [0, 1, 0, 1, 0, 0, 0, 0, 1])
        XCTAssertThrowsError(try x.gather(indices: Tensor([3]), axis: 0)) { e in
            XCTAssertEqual("\(e)", "gather: index 3 is out of range for axis 0 of size 3")
        }
        XCTAssertThrowsError(try x.gather(indices: Tensor([0.5]), axis: 0))
        XCTAssertThrowsError(try x.gather(indices: Tensor([1e30]), axis: 0))
        XCTAssertThrowsError(try Tensor.oneHot(Tensor([3]), classes: 3))
    }

    func testBroadcastToAndExpand() throws {
        let x = Tensor([1, 2, 3])
        let y = try x.expanded(to: [2, 3])
        XCTAssertEqual(y.scalars, [1, 2, 3, 1, 2, 3])
        XCTAssertThrowsError(try x.broadcast(to: [3, 2]))
    }
}
