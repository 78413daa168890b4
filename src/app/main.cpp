#include <bordermap/app/cli.hpp>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return bordermap::app::runCli(args, std::cout, std::cerr);
}
