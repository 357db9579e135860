// helpdesk-keygen PRIVATE_FILE PUBLIC_FILE: writes a new Ed25519 key pair for
// access tokens, as hex; the private file is created with mode 0600.
#include <sys/stat.h>

#include <cstdio>
#include <fstream>

#include "libs/auth/token.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: helpdesk-keygen PRIVATE_KEY_FILE PUBLIC_KEY_FILE\n");
    return 2;
  }
  helpdesk::auth::KeyPair pair = helpdesk::auth::GenerateKeyPair();
  umask(077);
  std::ofstream priv(argv[1]);
  priv << pair.seed_hex << "\n";
  std::ofstream pub(argv[2]);
  pub << pair.public_key_hex << "\n";
  if (!priv.good() || !pub.good()) {
    std::fprintf(stderr, "helpdesk-keygen: cannot write the key files\n");
    return 1;
  }
  chmod(argv[2], 0644);
  return 0;
}
