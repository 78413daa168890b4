# The panels fit the window: at 1024x768, 1280x720, 1600x1000 and 3840x2160 the viewer, with every side panel
# section open, the help, the Export dialog and the event with the longest sources shown (--audit-layout), reports
# no text running out of its box (ui/layout_audit.hpp) and exits 0. A control at a UI scale far too large for its
# window must report some, so that the audit is seen to look.
# -DXVFB_RUN, -DBORDERMAP, -DBRIEFING, -DOUT
function(audit size expect_clean)
  set(args ${ARGN})
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 ${size}x24" ${BORDERMAP} --size ${size} --audit-layout
            --screenshot ${OUT}/panels_fit_${size}.png --frames 8 ${args}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  string(REGEX MATCHALL "layout at [^\n]*" found "${err}")
  if(expect_clean)
    if(NOT rc EQUAL 0 OR found)
      message(FATAL_ERROR "panels at ${size} ${args}: exit ${rc}; ${found}\n${err}")
    endif()
    message(STATUS "${size} ${args}: every panel text fits (${OUT}/panels_fit_${size}.png)")
  else()
    if(NOT rc EQUAL 1 OR NOT found)
      message(FATAL_ERROR "the control at ${size} ${args} should overflow and exit 1: exit ${rc}\n${err}")
    endif()
    list(LENGTH found n)
    message(STATUS "control ${size} ${args}: ${n} overflows found, as it should")
  endif()
endfunction()

audit(1024x768 TRUE --briefing ${BRIEFING})
audit(1280x720 TRUE)
audit(1600x1000 TRUE --briefing ${BRIEFING})
audit(3840x2160 TRUE --briefing ${BRIEFING})
audit(1024x768 FALSE --ui-scale 3)
