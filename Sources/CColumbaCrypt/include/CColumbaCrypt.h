#ifndef CCOLUMBACRYPT_H
#define CCOLUMBACRYPT_H
#include <stddef.h>
#endif
