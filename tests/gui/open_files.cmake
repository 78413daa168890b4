# `bordermap FILE` as a file manager's "Open with" runs it (Exec=bordermap %F): the sample briefing given by its path
# alone is presented exactly as --briefing presents it (the same screenshot, byte for byte), the first scene named on
# the screen (read by OCR, tesseract, as a person would read it); the plain viewer, the control, draws another picture,
# so that the comparison is seen to tell.
# -DXVFB_RUN, -DBORDERMAP, -DTESSERACT, -DBRIEFING, -DOUT
function(screenshot name)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1024x768x24" ${BORDERMAP} ${ARGN} --size 1024x768
            --screenshot ${OUT}/open_files_${name}.png --frames 8
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "bordermap ${ARGN}: exit ${rc}\n${out}${err}")
  endif()
endfunction()
function(same a b expected)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/open_files_${a}.png ${OUT}/open_files_${b}.png
                  RESULT_VARIABLE differ)
  if(expected AND differ)
    message(FATAL_ERROR "bordermap FILE draws another picture than bordermap --briefing FILE: see ${OUT}/open_files_*.png")
  elseif(NOT expected AND NOT differ)
    message(FATAL_ERROR "the control, bordermap with no file, draws the same picture: the comparison cannot tell")
  endif()
endfunction()

screenshot(by_path ${BRIEFING})
screenshot(by_option --briefing ${BRIEFING})
screenshot(plain)
same(by_path by_option TRUE)
same(by_path plain FALSE)
# The status line of a briefing shown: "scene 1 of 7: Before: Orakzai, 8 October" (the caption card is a presenter's).
execute_process(COMMAND ${TESSERACT} ${OUT}/open_files_by_path.png stdout OUTPUT_VARIABLE text ERROR_QUIET TIMEOUT 60)
string(REGEX REPLACE "[ \n]+" " " text "${text}")
string(FIND "${text}" "scene 1 of 7" at)
if(at EQUAL -1)
  message(FATAL_ERROR "bordermap ${BRIEFING} does not name the first scene ('scene 1 of 7'); read: ${text}")
endif()
message(STATUS "bordermap ${BRIEFING} presents the briefing as --briefing does (${OUT}/open_files_by_path.png)")
