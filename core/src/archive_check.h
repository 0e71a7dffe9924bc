#pragma once
// Integrity check of TorchScript (zip) archives before libtorch reads them.
#include <cstdint>
#include <string>

namespace borehole {

/// Verifies the zip structure of a TorchScript file and the CRC-32 of every stored
/// (uncompressed) entry, which is where the tensors are. Throws InputError naming the file
/// and the damaged entry; a file without a zip directory is "not a TorchScript model".
void checkTorchScriptArchive(const std::string& path);

/// CRC-32 (zip / IEEE 802.3) of `data`.
std::uint32_t crc32(const std::string& data);

} // namespace borehole
