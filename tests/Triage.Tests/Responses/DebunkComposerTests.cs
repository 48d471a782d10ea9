using System.Text;
using Triage.Client.Responses;

namespace Triage.Tests.Responses;

public sealed class DebunkComposerTests
{
    private const string Fact = "Vắc-xin sởi đã được Bộ Y tế cấp phép và tiêm cho hàng triệu trẻ em an toàn.";
    private const string Myth = "Vắc-xin sởi gây tự kỷ.";
    private const string Fallacy = "Tin này dựa vào một nghiên cứu đã bị rút lại vì gian lận số liệu.";

    [Fact]
    public void The_parts_compose_fact_warning_and_myth_fallacy_then_the_fact_again()
    {
        var text = DebunkComposer.Compose(Fact, Myth, Fallacy, null, "vi");

        Assert.Equal(
            $"{Fact}\n\nCảnh báo, thông tin sai đang lan truyền: {Myth}\n\n{Fallacy}\n\n{Fact}", text);
    }

    [Fact]
    public void The_warning_is_written_in_the_messages_language_not_the_readers()
    {
        var text = DebunkComposer.Compose("Measles vaccines are safe.", "Measles vaccines cause autism.", null, null, "en");

        Assert.Equal("Measles vaccines are safe.\n\nWarning, a false claim is going around: Measles vaccines cause autism.\n\nMeasles vaccines are safe.", text);
    }

    [Fact]
    public void A_restated_closing_fact_replaces_the_repetition_and_empty_parts_are_left_out()
    {
        Assert.Equal($"{Fact}\n\n{Fallacy}\n\nHãy tiêm đủ hai mũi vắc-xin sởi.",
            DebunkComposer.Compose(Fact, "  ", Fallacy, "Hãy tiêm đủ hai mũi vắc-xin sởi.", "vi"));
    }

    [Fact]
    public void A_fact_alone_is_not_said_twice_and_nothing_composes_to_nothing()
    {
        Assert.Equal(Fact, DebunkComposer.Compose(Fact, null, null, null, "vi"));
        Assert.Equal("", DebunkComposer.Compose(null, "", " ", null, "vi"));
    }

    [Fact]
    public void Vietnamese_letters_typed_with_combining_marks_count_once()
    {
        var decomposed = "Sự thật".Normalize(NormalizationForm.FormD);
        Assert.True(decomposed.Length > 7);

        Assert.Equal(7, DebunkComposer.Length(decomposed));
        Assert.Equal(2, DebunkComposer.Length("👍🏽"));
        Assert.Equal(0, DebunkComposer.Length(null));
    }

    [Theory]
    [InlineData("x", 280)]
    [InlineData("instagram", 2200)]
    [InlineData("facebook", 63206)]
    public void Channels_with_a_limit_state_it(string channel, int limit) => Assert.Equal(limit, ChannelLimits.Of(channel));

    [Fact]
    public void Channels_without_a_hard_limit_have_none() => Assert.Null(ChannelLimits.Of("web"));
}
