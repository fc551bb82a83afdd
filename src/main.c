#include "core/util.h"
int main(void) { return 0; }
