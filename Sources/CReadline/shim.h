// GNU readline for the interactive prompt; only the `infoscope` executable links it.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
