// Loads a dataset with an installed libbranch and prints how many branches it has.
#include <iostream>

#include <libbranch/io/load.hpp>
#include <libbranch/version.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: count_branches DATASET\n";
    return 2;
  }
  try {
    const libbranch::Dataset ds = libbranch::load_dataset(argv[1]);
    std::cout << "libbranch " << libbranch::version_string() << ": " << ds.branch_count() << " branches\n";
  } catch (const libbranch::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
