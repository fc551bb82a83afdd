/* Look-up of the data files compiled into the binary. */
#include "core/embed.h"

#include <string.h>

const char *embed_get(const char *path)
{
	for (const struct embed_file *f = embed_files; f->path; f++)
		if (strcmp(f->path, path) == 0)
			return f->text;
	return NULL;
}
