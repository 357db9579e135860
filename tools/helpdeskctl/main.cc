// helpdeskctl: the consultants' admin client (docs/helpdeskctl.md).
#include "tools/helpdeskctl/commands.h"

int main(int argc, char** argv) { return helpdesk::helpdeskctl::Main(argc, argv, {}); }
