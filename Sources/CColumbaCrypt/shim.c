#include "CColumbaCrypt.h"
