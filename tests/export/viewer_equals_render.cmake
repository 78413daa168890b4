# The viewer's export (through the Export dialog's code, under Xvfb) and `bordermap render` give the same file for
# the same view and date. The viewer's export takes the size of its map area in a 1600x1000 window (ui::layoutFor),
# which it prints; render is given that size.
#   cmake -DXVFB_RUN=... -DBORDERMAP=... -DOUT=... -P viewer_equals_render.cmake
set(viewer_png "${OUT}/viewer_export.png")
set(render_png "${OUT}/render_export.png")
file(REMOVE "${viewer_png}" "${render_png}")
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1920x1080x24" ${BORDERMAP} --size 1600x1000 --date 2025-03-01
                        --view 70.5,34,7 --export ${viewer_png}
                RESULT_VARIABLE viewer_code OUTPUT_VARIABLE viewer_said)
if(NOT viewer_said MATCHES "exported [^ ]+ \\(([0-9]+x[0-9]+)\\)")
  message(FATAL_ERROR "the viewer did not say what it exported (exit ${viewer_code}): ${viewer_said}")
endif()
set(map_size ${CMAKE_MATCH_1})
execute_process(COMMAND ${CMAKE_COMMAND} -E env DISPLAY= ${BORDERMAP} render --date 2025-03-01 --view 70.5,34,7
                        --size ${map_size} -o ${render_png}
                RESULT_VARIABLE render_code)
if(NOT viewer_code EQUAL 0 OR NOT render_code EQUAL 0)
  message(FATAL_ERROR "viewer exited ${viewer_code}, render exited ${render_code}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${viewer_png} ${render_png} RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "the viewer's export and bordermap render differ: ${viewer_png} ${render_png}")
endif()
message(STATUS "the viewer's export and bordermap render are the same file")
