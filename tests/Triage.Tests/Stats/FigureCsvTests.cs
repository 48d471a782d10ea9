using Triage.Client.Stats;

namespace Triage.Tests.Stats;

public sealed class FigureCsvTests
{
    [Fact]
    public void A_table_becomes_rfc_4180_csv_with_a_bom_and_formulas_kept_as_text()
    {
        var csv = FigureCsv.Text(["Đơn vị", "Báo cáo"],
        [
            ["Hội LHPN xã \"Phú Thịnh\", Bình Minh", "1.234"],
            ["=HYPERLINK(\"http://x\")", "-5"],
            ["Dòng\nhai", "0"],
        ]);

        Assert.Equal("\uFEFFĐơn vị,Báo cáo\r\n\"Hội LHPN xã \"\"Phú Thịnh\"\", Bình Minh\",1.234\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-5\r\n\"Dòng\nhai\",0\r\n", csv);
    }

    [Fact]
    public void The_data_address_carries_the_same_text_in_utf8()
    {
        var url = FigureCsv.DataUrl(["Tỷ lệ"], [["90 %"]]);

        Assert.StartsWith("data:text/csv;charset=utf-8,", url, StringComparison.Ordinal);
        Assert.Equal("\uFEFFTỷ lệ\r\n90 %\r\n", Uri.UnescapeDataString(url["data:text/csv;charset=utf-8,".Length..]));
    }
}
