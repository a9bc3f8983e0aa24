using System.Globalization;

namespace NetGen.Generator.Tests;

/// <summary>Runs code under another current culture, as the .NET Regex generator's tests do to catch culture-dependent output.</summary>
internal static class CultureScope
{
    public static T Run<T>(CultureInfo culture, Func<T> action)
    {
        var (previous, previousUI) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUI);
        }
    }

    /// <summary>A culture that writes −1 with U+2212 and groups digits with a narrow no-break space, like some locales do.</summary>
    public static CultureInfo WithUnicodeMinusSign()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("fi-FI").Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.NumberGroupSeparator = "\u202F";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        return culture;
    }
}
