package proof;

import checkpoints.ServerProcess;
import labkit.Exchange;
import labkit.Lab;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The stage 07 reference guestbook is bounded (Guestbook.MAX_CHARACTERS, about 2 million
 * characters): once full, a POST gets 507 Insufficient Storage, and every entry it already took
 * stays on the page. Given code, so no student checkpoint is about it; without the bound, posting
 * long messages in a loop ends in an OutOfMemoryError that stops the server.
 */
class GuestbookFullTest {

    /** The longest message a body of at most 64 KiB carries here, with its name. */
    private static final int MESSAGE_CHARACTERS = 65_000;
    /** Posts of 3 + 65,000 characters the guestbook takes before it holds 2 Mi (2,097,152) of them. */
    private static final int POSTS_TAKEN = 33;

    @Test
    @DisplayName("a full guestbook answers 507 to a POST, keeps every entry it took, and serves on")
    void fullGuestbook() {
        try (ServerProcess running = Workbook.startSolution("stage07-post")) {
            int port = running.port();
            List<String> taken = new ArrayList<>();
            for (int i = 1; i <= POSTS_TAKEN; i++) {
                String id = "entry" + i + "-";
                Exchange e = Lab.post(port, "/guestbook", "name=Ada&message=" + id + "x".repeat(MESSAGE_CHARACTERS - id.length()));
                assertThat("post #" + i + " of " + POSTS_TAKEN + " is taken", e.status(), equalTo(303));
                taken.add(id);
            }
            Exchange full = Lab.post(port, "/guestbook", "name=Ada&message=one+more");
            assertThat("the post after " + POSTS_TAKEN + " long ones", full.status(), equalTo(507));
            assertThat(full.text(), containsString("The guestbook is full"));

            Exchange page = Lab.get(port, "/guestbook");
            assertThat(page.status(), equalTo(200));
            String html = page.text();
            for (String id : taken) {
                assertThat("every entry taken stays on the page", html, containsString(id));
            }
            assertThat("the refused post is not on the page", html.contains("one more"), equalTo(false));
            assertThat("the server serves on", Lab.get(port, "/").status(), equalTo(200));
        }
    }
}
