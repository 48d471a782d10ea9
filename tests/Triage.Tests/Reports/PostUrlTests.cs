using Triage.Client.Reports;

namespace Triage.Tests.Reports;

public sealed class PostUrlTests
{
    private static PostUrl Parse(string raw)
    {
        Assert.True(PostUrls.TryParse(raw, out var url, out var error), $"{raw} was refused with {error}.");
        Assert.Null(error);
        return url!;
    }

    [Theory]
    // Vietnamese news sites, as shared from fan pages and Zalo chats.
    [InlineData("https://vnexpress.net/gia-xang-giam-4812345.html?utm_source=facebook&utm_medium=fanpage&utm_campaign=vne",
        "https://vnexpress.net/gia-xang-giam-4812345.html", "web")]
    [InlineData("https://m.vnexpress.net/gia-xang-giam-4812345.html", "https://vnexpress.net/gia-xang-giam-4812345.html", "web")]
    [InlineData("vnexpress.net/thoi-su", "https://vnexpress.net/thoi-su", "web")]
    [InlineData("https://tuoitre.vn/canh-bao-tin-gia-2025061012345678.htm?fbclid=IwAR0abcDEF",
        "https://tuoitre.vn/canh-bao-tin-gia-2025061012345678.htm", "web")]
    [InlineData("HTTP://WWW.TUOITRE.VN:80/Thoi-Su/", "https://tuoitre.vn/Thoi-Su", "web")]
    [InlineData("https://zingnews.vn/tin-don-sai-su-that-post1512345.html?utm_source=zalo&utm_medium=zalo&utm_campaign=zalo&zarsrc=30&gidzl=AbCdEf",
        "https://zingnews.vn/tin-don-sai-su-that-post1512345.html", "web")]
    [InlineData("https://thanhnien.vn/search?q=tin+gi%e1%ba%a3&page=2", "https://thanhnien.vn/search?page=2&q=tin%20gi%E1%BA%A3", "web")]
    [InlineData("https://bộcôngan.vn/tin-tuc", "https://xn--bcngan-jxa6332d.vn/tin-tuc", "web")]
    [InlineData("http://192.168.1.10:8080/tin-gia?b=2&a=1#top", "https://192.168.1.10:8080/tin-gia?a=1&b=2", "web")]
    [InlineData("http://[::1]:8080/x", "https://[::1]:8080/x", "web")]
    [InlineData("http://localhost/post/1", "https://localhost/post/1", "web")]
    [InlineData("https://user:secret@example.org/a/b/#comments", "https://example.org/a/b", "web")]
    [InlineData("https://example.org", "https://example.org/", "web")]
    [InlineData("https://example.org/?p=123&lang=vi&hl=en", "https://example.org/?p=123", "web")]
    // Facebook.
    [InlineData("https://www.facebook.com/permalink.php?story_fbid=pfbid02abc&id=100064123456789&__cft__[0]=AZX&__tn__=%2CO%2CP-R",
        "https://facebook.com/permalink.php?id=100064123456789&story_fbid=pfbid02abc", "facebook")]
    [InlineData("https://m.facebook.com/story.php?story_fbid=pfbid02abc&id=100064123456789&mibextid=Nif5oz",
        "https://facebook.com/permalink.php?id=100064123456789&story_fbid=pfbid02abc", "facebook")]
    [InlineData("https://mbasic.facebook.com/story.php?id=100064123456789&story_fbid=pfbid02abc&refsrc=deprecated&_rdr",
        "https://facebook.com/permalink.php?id=100064123456789&story_fbid=pfbid02abc", "facebook")]
    [InlineData("https://www.facebook.com/watch/?v=1234567890123456&ref=sharing", "https://facebook.com/watch?v=1234567890123456", "facebook")]
    [InlineData("https://fb.watch/AbC-12xYz/?mibextid=Nif5oz", "https://fb.watch/AbC-12xYz", "facebook")]
    [InlineData("https://www.facebook.com/photo/?fbid=987654321&set=a.123456", "https://facebook.com/photo.php?fbid=987654321", "facebook")]
    [InlineData("https://web.facebook.com/photo.php?fbid=987654321&set=pcb.555&type=3", "https://facebook.com/photo.php?fbid=987654321", "facebook")]
    [InlineData("https://www.facebook.com/groups/123456789/permalink/987654321/", "https://facebook.com/groups/123456789/posts/987654321", "facebook")]
    [InlineData("https://m.facebook.com/groups/123456789/posts/987654321/?mibextid=rS40aB7S9Ucbxw6v",
        "https://facebook.com/groups/123456789/posts/987654321", "facebook")]
    [InlineData("https://www.facebook.com/share/p/1AbCdEfGh/?mibextid=WC7FNe", "https://facebook.com/share/p/1AbCdEfGh", "facebook")]
    [InlineData("https://www.facebook.com/BaoTuoiTre/posts/pfbid0xyz?__cft__[0]=AZV&__tn__=%2CO%2CP-R&rdid=abc&share_url=https%3A%2F%2Fwww.facebook.com%2Fshare%2Fp%2F1",
        "https://facebook.com/BaoTuoiTre/posts/pfbid0xyz", "facebook")]
    [InlineData("https://fb.com/BaoTuoiTre/videos/1122334455", "https://facebook.com/BaoTuoiTre/videos/1122334455", "facebook")]
    [InlineData("https://touch.facebook.com/reel/1234567890?sfnsn=mo", "https://facebook.com/reel/1234567890", "facebook")]
    // YouTube.
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s&feature=share&pp=ygUE", "https://youtube.com/watch?v=dQw4w9WgXcQ", "youtube")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ?si=Ab12Cd34&t=42", "https://youtube.com/watch?v=dQw4w9WgXcQ", "youtube")]
    [InlineData("https://m.youtube.com/watch?list=PL123&v=dQw4w9WgXcQ&index=3", "https://youtube.com/watch?v=dQw4w9WgXcQ", "youtube")]
    [InlineData("https://youtube.com/shorts/AbCdEfGhIjK?si=xyz&feature=share", "https://youtube.com/watch?v=AbCdEfGhIjK", "youtube")]
    [InlineData("https://www.youtube.com/live/ZyXwVuTsRqP?si=abc", "https://youtube.com/watch?v=ZyXwVuTsRqP", "youtube")]
    [InlineData("https://www.youtube.com/playlist?list=PLabc&si=xyz", "https://youtube.com/playlist?list=PLabc", "youtube")]
    [InlineData("https://www.youtube.com/@VTV24/videos?feature=shared", "https://youtube.com/@VTV24/videos", "youtube")]
    // X / Twitter.
    [InlineData("https://twitter.com/VTVcab/status/1790000000000000001?s=20&t=AbCdEf", "https://x.com/VTVcab/status/1790000000000000001", "x")]
    [InlineData("https://mobile.twitter.com/VTVcab/status/1790000000000000001", "https://x.com/VTVcab/status/1790000000000000001", "x")]
    [InlineData("https://x.com/VTVcab/status/1790000000000000001/photo/1?s=46", "https://x.com/VTVcab/status/1790000000000000001", "x")]
    [InlineData("https://www.x.com/i/web/status/1790000000000000001", "https://x.com/i/web/status/1790000000000000001", "x")]
    [InlineData("https://t.co/AbC123xyz", "https://t.co/AbC123xyz", "x")]
    // TikTok.
    [InlineData("https://www.tiktok.com/@baomoi/video/7312345678901234567?_r=1&_t=8iAbCdEfGh", "https://tiktok.com/@baomoi/video/7312345678901234567", "tiktok")]
    [InlineData("https://m.tiktok.com/@baomoi/video/7312345678901234567?is_from_webapp=1&sender_device=pc&web_id=7300000000000000000",
        "https://tiktok.com/@baomoi/video/7312345678901234567", "tiktok")]
    [InlineData("https://vm.tiktok.com/ZSLaBcDeF/", "https://vm.tiktok.com/ZSLaBcDeF", "tiktok")]
    [InlineData("https://vt.tiktok.com/ZSjAbC123/?_r=1", "https://vt.tiktok.com/ZSjAbC123", "tiktok")]
    [InlineData("https://www.tiktok.com/@baomoi?lang=vi-VN&_t=8i", "https://tiktok.com/@baomoi", "tiktok")]
    // Instagram.
    [InlineData("https://www.instagram.com/p/C7AbCdEfGh/?igsh=MWQ1ZGUxMzBkMA==", "https://instagram.com/p/C7AbCdEfGh", "instagram")]
    [InlineData("https://instagram.com/reel/C7ZyXwVuTs/?utm_source=ig_web_copy_link&igshid=MzRlODBiNWFlZA==", "https://instagram.com/reel/C7ZyXwVuTs", "instagram")]
    [InlineData("https://instagr.am/p/C7AbCdEfGh", "https://instagram.com/p/C7AbCdEfGh", "instagram")]
    // Telegram.
    [InlineData("https://t.me/tinnhanhvn/12345", "https://t.me/tinnhanhvn/12345", "telegram")]
    [InlineData("https://telegram.me/s/tinnhanhvn/12345", "https://t.me/tinnhanhvn/12345", "telegram")]
    [InlineData("https://t.me/tinnhanhvn/12345?single", "https://t.me/tinnhanhvn/12345?single", "telegram")]
    // Zalo.
    [InlineData("https://zalo.me/s/1234567890123456789/", "https://zalo.me/s/1234567890123456789", "zalo")]
    [InlineData("https://www.zalo.me/g/abcdef123", "https://zalo.me/g/abcdef123", "zalo")]
    [InlineData("https://chat.zalo.me/?g=AbCdEf", "https://chat.zalo.me/?g=AbCdEf", "zalo")]
    [InlineData("https://id.zalo.me/account?continue=https%3A%2F%2Fchat.zalo.me%2F", "https://id.zalo.me/account?continue=https://chat.zalo.me/", "zalo")]
    public void Real_world_addresses_canonicalise_to_one_form_with_their_platform(string raw, string canonical, string platform)
    {
        var url = Parse(raw);

        Assert.Equal(canonical, url.Canonical);
        Assert.Equal(platform, url.Platform);
        Assert.Equal(raw, url.Raw);
    }

    [Theory]
    [InlineData("https://www.facebook.com/story.php?story_fbid=pfbid02abc&id=100064", "https://facebook.com/permalink.php?id=100064&story_fbid=pfbid02abc&__tn__=-R")]
    [InlineData("https://www.facebook.com/groups/123/permalink/456/", "https://m.facebook.com/groups/123/posts/456?mibextid=abc")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?feature=youtu.be&v=dQw4w9WgXcQ")]
    [InlineData("https://youtube.com/shorts/AbCdEfGhIjK?si=one", "https://m.youtube.com/shorts/AbCdEfGhIjK?si=two")]
    [InlineData("https://twitter.com/VTVcab/status/179?s=20", "https://x.com/VTVcab/status/179?s=46&t=xyz")]
    [InlineData("https://www.tiktok.com/@baomoi/video/731?_r=1&_t=8iAb", "https://www.tiktok.com/@baomoi/video/731?is_from_webapp=1&sender_device=pc")]
    [InlineData("https://www.instagram.com/p/C7Ab/?igsh=MWQ1", "instagram.com/p/C7Ab")]
    [InlineData("https://vnexpress.net/search?q=a&page=2", "https://vnexpress.net/search?page=2&q=a")]
    [InlineData("https://tuoitre.vn/tin-%c4%91%e1%bb%8f", "https://tuoitre.vn/tin-đỏ")]
    [InlineData("https://bộcôngan.vn/tin", "https://xn--bcngan-jxa6332d.vn/tin")]
    [InlineData("http://vnexpress.net:80/a#binh-luan", "https://vnexpress.net:443/a/")]
    [InlineData("www.facebook.com/BaoTuoiTre/posts/1", "https://facebook.com/BaoTuoiTre/posts/1")]
    public void Share_links_from_different_apps_for_one_post_give_the_same_canonical_form(string one, string other)
    {
        Assert.Equal(Parse(one).Canonical, Parse(other).Canonical);
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcq")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", "https://youtu.be/AbCdEfGhIjK")]
    [InlineData("https://facebook.com/permalink.php?story_fbid=1&id=2", "https://facebook.com/permalink.php?story_fbid=1&id=3")]
    [InlineData("https://facebook.com/story.php?story_fbid=1&id=2", "https://facebook.com/story.php?story_fbid=4&id=2")]
    [InlineData("https://facebook.com/photo/?fbid=987654321", "https://facebook.com/photo/?fbid=987654322")]
    [InlineData("https://www.facebook.com/groups/123/posts/456", "https://www.facebook.com/groups/123/posts/457")]
    [InlineData("https://www.tiktok.com/@baomoi/video/7312345678901234567", "https://www.tiktok.com/@baomoi/video/7312345678901234568")]
    [InlineData("https://x.com/VTVcab/status/1790000000000000001", "https://x.com/VTVcab/status/1790000000000000002")]
    [InlineData("https://t.me/tinnhanhvn/12345", "https://t.me/tinnhanhvn/12346")]
    [InlineData("https://vnexpress.net/bai-mot-1.html", "https://vnexpress.net/bai-hai-2.html")]
    [InlineData("https://example.org/Post", "https://example.org/post")]
    [InlineData("https://example.org/?p=1", "https://example.org/?p=2")]
    [InlineData("https://www.youtube.com/playlist?list=PLa", "https://www.youtube.com/playlist?list=PLb")]
    [InlineData("https://example.org:8080/a", "https://example.org/a")]
    [InlineData("https://m.me/BaoTuoiTre", "https://me/BaoTuoiTre")]
    public void Different_posts_keep_different_canonical_forms(string one, string other)
    {
        Assert.NotEqual(Parse(one).Canonical, Parse(other).Canonical);
    }

    [Theory]
    [InlineData("javascript:alert(1)", PostUrls.SchemeKey)]
    [InlineData("JavaScript:alert(document.cookie)", PostUrls.SchemeKey)]
    [InlineData("data:text/html,<script>alert(1)</script>", PostUrls.SchemeKey)]
    [InlineData("file:///etc/passwd", PostUrls.SchemeKey)]
    [InlineData("ftp://x", PostUrls.SchemeKey)]
    [InlineData("mailto:ban@example.vn", PostUrls.SchemeKey)]
    [InlineData("intent://scan/#Intent;scheme=zxing;end", PostUrls.SchemeKey)]
    [InlineData("", PostUrls.InvalidKey)]
    [InlineData("   ", PostUrls.InvalidKey)]
    [InlineData("not a url", PostUrls.InvalidKey)]
    [InlineData("xem bài này trên Zalo", PostUrls.InvalidKey)]
    [InlineData("facebook", PostUrls.InvalidKey)]
    [InlineData("http://", PostUrls.InvalidKey)]
    [InlineData("https://", PostUrls.InvalidKey)]
    [InlineData("https://exa mple.org/", PostUrls.InvalidKey)]
    [InlineData("facebook.com:notaport/x", PostUrls.InvalidKey)]
    public void Bad_input_is_refused_with_the_field_message_key(string raw, string key)
    {
        Assert.False(PostUrls.TryParse(raw, out var url, out var error));
        Assert.Null(url);
        Assert.Equal(key, error);
    }

    [Fact]
    public void A_missing_address_is_refused_as_invalid()
    {
        Assert.False(PostUrls.TryParse(null, out var url, out var error));
        Assert.Null(url);
        Assert.Equal(PostUrls.InvalidKey, error);
    }

    [Fact]
    public void An_address_one_character_over_the_limit_is_refused_as_too_long()
    {
        var prefix = "https://vnexpress.net/";
        var atLimit = prefix + new string('a', PostUrls.MaxLength - prefix.Length);

        Assert.True(PostUrls.TryParse(atLimit, out _, out _));
        Assert.False(PostUrls.TryParse(atLimit + "a", out var url, out var error));
        Assert.Null(url);
        Assert.Equal(PostUrls.TooLongKey, error);
        Assert.Equal(2049, (atLimit + "a").Length);
    }

    [Fact]
    public void Surrounding_whitespace_is_trimmed_from_the_raw_address()
    {
        var url = Parse("  \n https://youtu.be/dQw4w9WgXcQ?si=abc \t");

        Assert.Equal(new PostUrl("https://youtu.be/dQw4w9WgXcQ?si=abc", "https://youtube.com/watch?v=dQw4w9WgXcQ", "youtube"), url);
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s")]
    [InlineData("https://m.facebook.com/story.php?story_fbid=pfbid02abc&id=100064&__cft__[0]=AZX")]
    [InlineData("https://thanhnien.vn/search?q=tin+gi%e1%ba%a3&page=2")]
    [InlineData("https://bộcôngan.vn/tin-đỏ?q=đỏ")]
    [InlineData("https://telegram.me/s/tinnhanhvn/12345")]
    public void A_canonical_form_canonicalises_to_itself(string raw)
    {
        var canonical = Parse(raw).Canonical;

        Assert.Equal(canonical, Parse(canonical).Canonical);
    }

    [Theory]
    [InlineData("https://www.facebook.com/BaoTuoiTre", "facebook")]
    [InlineData("fb.com/BaoTuoiTre", "facebook")]
    [InlineData("https://fb.watch/AbC-12xYz/", "facebook")]
    [InlineData("m.facebook.com/story.php?story_fbid=1&id=2", "facebook")]
    [InlineData("https://facebook.com/permalink.php?id=2&story_fbid=1", "facebook")]
    [InlineData("https://vm.tiktok.com/ZSLaBcDeF/", "tiktok")]
    [InlineData("https://vt.tiktok.com/ZSjAbC123/", "tiktok")]
    [InlineData("https://www.tiktok.com/@baomoi", "tiktok")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", "youtube")]
    [InlineData("https://music.youtube.com/watch?v=dQw4w9WgXcQ", "youtube")]
    [InlineData("https://zalo.me/s/123", "zalo")]
    [InlineData("https://chat.zalo.me/", "zalo")]
    [InlineData("https://twitter.com/VTVcab", "x")]
    [InlineData("https://t.co/AbC123xyz", "x")]
    [InlineData("https://t.me/tinnhanhvn", "telegram")]
    [InlineData("https://telegram.me/tinnhanhvn", "telegram")]
    [InlineData("https://telegram.org/blog", "telegram")]
    [InlineData("https://instagr.am/p/C7Ab", "instagram")]
    [InlineData("https://www.instagram.com/baomoi/", "instagram")]
    [InlineData("https://vnexpress.net/", "web")]
    [InlineData("https://notfacebook.com/x", "web")]
    [InlineData("https://facebook.com.evil.example/x", "web")]
    [InlineData("https://m.me/BaoTuoiTre", "web")]
    [InlineData("http://127.0.0.1:5218/", "web")]
    [InlineData("http://localhost/", "web")]
    [InlineData("not a url", "other")]
    [InlineData("", "other")]
    [InlineData("   ", "other")]
    [InlineData("javascript:alert(1)", "other")]
    [InlineData("http://", "other")]
    [InlineData("%%%://??", "other")]
    public void The_platform_comes_from_the_host(string url, string platform)
    {
        Assert.Equal(platform, PostUrls.DetectPlatform(url));
    }

    [Fact]
    public void Platform_detection_does_not_mind_an_address_over_the_length_limit()
    {
        Assert.Equal("facebook", PostUrls.DetectPlatform("https://www.facebook.com/" + new string('a', 5000)));
    }
}
