/// How to read a numeric CSV file into a dataset.
public struct CSVOptions: Sendable {
    /// Whether the first line names the columns.
    public enum Header: Sendable {
        /// A header if the first line has any field that is not a number.
        case detect
        /// The first line is a header.
        case present
        /// Every line is data.
        case absent
    }

    /// The column holding the label; negative counts from the end (−1 is the last column).
    public var labelColumn: Int
    /// Whether the first line is a header.
    public var header: Header
    /// Multiplies every feature, e.g. 1/16 for the 0…16 values of the UCI digits.
    public var scale: Float
    /// The shape of one sample (e.g. [1, 8, 8]); nil means a flat vector of the feature columns.
    public var sampleShape: [Int]?
    /// One name per class; empty means one class per label 0…max.
    public var classNames: [String]
    /// The field separator byte.
    public var separator: UInt8

    /// Creates options; the defaults read a header-detected comma file with the label last.
    public init(labelColumn: Int = -1, header: Header = .detect, scale: Float = 1,
                sampleShape: [Int]? = nil, classNames: [String] = [],
                separator: Character = ",") {
        self.labelColumn = labelColumn
        self.header = header
        self.scale = scale
        self.sampleShape = sampleShape
        self.classNames = classNames
        self.separator = separator.asciiValue ?? UInt8(ascii: ",")
    }
}
