using Triage.Server.Search;
using static Triage.Server.Search.CandidateRanking;

namespace Triage.Tests.Search;

public sealed class CandidateRankingTests
{
    [Fact]
    public void A_candidate_that_shares_the_query_s_phrasing_overtakes_one_that_only_shares_its_words()
    {
        var query = SearchText.Fold("My children will never be able to meet a Koala: they are functionally extinct after the bushfires");
        var ranked = Rank(query,
        [
            new(1, 10.0, SearchText.Fold("Australian authorities saved 20 koalas from an animal brothel; the children were never told")),
            new(2, 8.0, SearchText.Fold("Koalas are functionally extinct due to Australian bushfires")),
            new(3, 6.0, SearchText.Fold("A photograph shows a firefighter giving water to a koala")),
        ]);

        Assert.Equal([2L, 1L, 3L], ranked.Select(r => r.CaseId));
        Assert.All(ranked, r => Assert.True(r.Score > 0));
    }

    [Fact]
    public void A_claim_checked_twice_in_the_same_words_keeps_the_older_case_first()
    {
        var text = SearchText.Fold("A Fox News guest called Greta Thunberg mentally ill");
        var ranked = Rank(SearchText.Fold("Michael Knowles called Greta Thunberg mentally ill"),
            [new(9, 5.0, text), new(4, 5.0, text), new(7, 4.0, SearchText.Fold("Greta Thunberg sailed to New York"))]);

        Assert.Equal([4L, 9L, 7L], ranked.Select(r => r.CaseId));
        Assert.Equal(ranked[0].Score, ranked[1].Score);
    }

    [Fact]
    public void Short_and_empty_texts_rank_by_bm25_alone()
    {
        var ranked = Rank("", [new(1, 1.0, ""), new(2, 3.0, "ab")]);

        Assert.Equal([2L, 1L], ranked.Select(r => r.CaseId));
        Assert.Empty(Rank("abc", []));
    }
}
