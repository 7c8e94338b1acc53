#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Swift 6 cannot touch readline's mutable globals directly; these accessors keep that in C. */
/* Swift passes temporary C strings: readline keeps these pointers, so they are copied (once, for the process). */
static inline void sgp_rl_set_name(const char *name) { rl_readline_name = strdup(name); }
static inline void sgp_rl_set_completer(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void sgp_rl_set_word_breaks(const char *s) { rl_basic_word_break_characters = strdup(s); }
static inline void sgp_rl_set_completion_append(int c) { rl_completion_append_character = c; }
static inline void sgp_rl_suppress_default_completion(void) { rl_attempted_completion_over = 1; }
static inline const char *sgp_rl_line_buffer(void) { return rl_line_buffer; }
static inline int sgp_rl_point(void) { return rl_point; }
static inline void sgp_rl_set_catch_signals(int v) { rl_catch_signals = v; }
static inline int sgp_history_length(void) { return history_length; }
static inline void sgp_rl_cleanup_after_sigint(void) {
    rl_replace_line("", 0); rl_crlf(); rl_on_new_line(); rl_redisplay();
}

/* Line-buffer stdout so printed results and diagnostics on stderr interleave in order (Swift 6 cannot touch `stdout`). */
static inline void sgp_line_buffer_stdout(void) { setvbuf(stdout, NULL, _IOLBF, 0); }
