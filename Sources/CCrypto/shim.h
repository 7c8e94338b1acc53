/* OpenSSL's libcrypto, for SHA-256 content digests of datasets (only SGPData/SHA256.swift imports it).
   The EVP interface is used because OpenSSL 3 deprecates the SHA256_Init family. */
#include <openssl/evp.h>
