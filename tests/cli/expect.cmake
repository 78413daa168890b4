# Runs COMMAND with ARGS and checks its exit code and, when given, that stderr matches EXPECT_STDERR.
#   cmake -DCOMMAND=... -DARGS=a;b -DEXPECT_EXIT=2 -DEXPECT_STDERR=regex -P expect.cmake
execute_process(COMMAND ${COMMAND} ${ARGS} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit ${code}, expected ${EXPECT_EXIT}\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED EXPECT_STDERR AND NOT err MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "stderr does not match '${EXPECT_STDERR}':\n${err}")
endif()
