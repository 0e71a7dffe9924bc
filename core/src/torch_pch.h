#pragma once
// Precompiled for every core translation unit: libtorch's headers dominate build time.
#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>
