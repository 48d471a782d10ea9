using Triage.Server.Search;

namespace Triage.Tests.Search;

public sealed class FtsQueryTests
{
    [Fact]
    public void English_function_words_are_left_out_of_an_english_query()
    {
        var query = FtsQuery.AnyOf(SearchText.Fold("The video shows Pelosi is drunk with her staff"));

        Assert.Equal("\"video\" OR \"shows\" OR \"pelosi\" OR \"drunk\" OR \"staff\"", query);
    }

    [Fact]
    public void Words_that_are_also_vietnamese_syllables_stay_in_a_vietnamese_query()
    {
        // Folded, thẻ, mẹ, cần, về and ăn are spelled "the", "me", "can", "ve" and "an".
        var query = FtsQuery.AnyOf(SearchText.Fold("Thẻ tín dụng: mẹ cần về ăn cơm"));

        Assert.Equal("\"the\" OR \"tin\" OR \"dung\" OR \"me\" OR \"can\" OR \"ve\" OR \"an\" OR \"com\"", query);
    }

    [Fact]
    public void A_text_of_function_words_only_gives_no_query()
    {
        Assert.Null(FtsQuery.AnyOf(SearchText.Fold("Is it for those with which you were?")));
    }

    [Fact]
    public void Every_term_is_quoted_so_no_fts_syntax_gets_through()
    {
        Assert.Equal("\"bao\" OR \"near\"", FtsQuery.AnyOf(SearchText.Fold("\"bão\" OR NEAR(x y) * ^ : -")));
    }
}
