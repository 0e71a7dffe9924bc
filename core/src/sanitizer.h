#pragma once
// BOREHOLE_SANITIZER_ALLOCATOR: defined when malloc is a sanitizer's own allocator (ASan with
// clang or GCC, TSan), where glibc's malloc statistics and tuning do not apply.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define BOREHOLE_SANITIZER_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BOREHOLE_SANITIZER_ALLOCATOR 1
#endif
