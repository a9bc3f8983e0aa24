using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>How <see cref="DataSet{T}.LoadCsv(string, CsvOptions?)"/> reads a file of examples as rows.</summary>
/// <remarks>
/// Every cell is a number in the invariant culture (<c>1.5</c>, <c>-2e-3</c>), whatever the machine's culture; spaces
/// around a cell are ignored, and blank lines are skipped. Quoted cells, missing values, NaN and infinities are
/// refused with the file, line and column, so that bad data stops at loading rather than in training.
/// </remarks>
public sealed class CsvOptions
{
    /// <summary>The number of lines at the start of the file that are not examples (column names, say). Default 0.</summary>
    public int HeaderLines { get; init; }

    /// <summary>
    /// The columns that hold the target, from the start (<c>0</c>) or the end (<c>^1</c>, the last column); every
    /// other column is a feature. Default: the last column.
    /// </summary>
    public IReadOnlyList<Index> LabelColumns { get; init; } = [^1];

    /// <summary>How the target becomes Y. Default <see cref="LabelEncoding.Values"/>.</summary>
    public LabelEncoding Labels { get; init; }

    /// <summary>
    /// For <see cref="LabelEncoding.OneHot"/>, the number of classes k, the rows of Y; <see langword="null"/> (the
    /// default) takes the largest label + 1.
    /// </summary>
    public int? Classes { get; init; }

    /// <summary>The character between cells. Default <c>','</c>.</summary>
    public char Separator { get; init; } = ',';
}

/// <summary>How the label columns of a CSV file become Y, whose columns are the examples.</summary>
public enum LabelEncoding
{
    /// <summary>The numbers as they are, one row of Y per label column: regression targets.</summary>
    Values,

    /// <summary>Each label is 0 or 1, one row of Y per label column: binary classification with sigmoid outputs.</summary>
    Binary,

    /// <summary>One label column holds a class 0 … k − 1, and Y is k × m with a 1 in row c of an example of class c.</summary>
    OneHot,
}
